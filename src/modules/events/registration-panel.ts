import type { Kysely } from 'kysely';
import type { CoalitionEvent, Database } from '../../db/schema.ts';
import type { Principal } from '../../platform/auth/principal.ts';

type Db = Kysely<Database>;

/** CONTRACT (registration owner fills in): what the event page shows about tickets for this viewer. */
export interface RegistrationPanel {
  /** Nothing to show (registration off, or no ticket types). */
  hidden: boolean;
}

export async function registrationPanelFor(_db: Db, _event: CoalitionEvent, _viewer: Principal | null): Promise<RegistrationPanel> {
  return { hidden: true };
}
