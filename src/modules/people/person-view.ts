import type { Person, Role, RoleKind } from '../../db/schema.ts';
import { isNetworkAdmin, type Principal } from '../../platform/auth/principal.ts';

/** A person as pages and the API show them: never the password hash or anything secret. */
export interface PersonView {
  id: number;
  name: string;
  email: string;
  locale: string | null;
  emailVerified: boolean;
  disabled: boolean;
  /** Invited (or added by an admin) and has not yet set a password or signed in. */
  invited: boolean;
  lastSignInAt: string | null;
  createdAt: string;
}

type PersonFields = Pick<Person, 'id' | 'name' | 'email' | 'locale' | 'email_verified_at' | 'disabled_at' | 'last_sign_in_at' | 'password_hash' | 'created_at'>;

/** Drops what must never leave the service (the password hash) and names the rest. */
export function toPersonView(p: PersonFields): PersonView {
  return {
    id: p.id,
    name: p.name,
    email: p.email,
    locale: p.locale,
    emailVerified: !!p.email_verified_at,
    disabled: !!p.disabled_at,
    invited: !p.password_hash && !p.last_sign_in_at,
    lastSignInAt: p.last_sign_in_at,
    createdAt: p.created_at,
  };
}

/**
 * A person as a viewer sees them. Network admins and the person themself see the account
 * (verification, disabled, last sign-in); anyone else only who it is: someone who invites an
 * existing address must not learn about that account's life elsewhere, or that it existed.
 */
export type VisiblePerson = ({ limited: false } & PersonView) | { limited: true; id: number; name: string; email: string };

/** Whether this viewer sees a person's account state: network admins, and the person themself. */
export const seesAccountOf = (viewer: Principal | null | undefined, personId: number): boolean =>
  isNetworkAdmin(viewer) || (viewer?.personId != null && viewer.personId === personId);

/** Cuts a person down to what this viewer may see. */
export function visiblePerson(viewer: Principal | null | undefined, p: PersonView): VisiblePerson {
  return seesAccountOf(viewer, p.id) ? { limited: false, ...p } : { limited: true, id: p.id, name: p.name, email: p.email };
}

/** One role someone holds at one organisation. */
export interface RoleView {
  id: number;
  personId: number;
  organisationId: number;
  role: RoleKind;
  title: string | null;
  createdAt: string;
}

export const toRoleView = (r: Role): RoleView => ({
  id: r.id,
  personId: r.person_id,
  organisationId: r.organisation_id,
  role: r.role,
  title: r.title,
  createdAt: r.created_at,
});
