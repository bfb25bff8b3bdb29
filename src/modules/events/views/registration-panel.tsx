import type { CoalitionEvent } from '../../../db/schema.ts';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { RegistrationPanel } from '../registration-panel.ts';

/** CONTRACT (registration owner fills in): the tickets section of the event page. */
export function RegistrationPanelView(_props: { ctx: ViewContext; event: CoalitionEvent; panel: RegistrationPanel }) {
  return null;
}
