import type { Person, Role, RoleKind } from '../../db/schema.ts';

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
