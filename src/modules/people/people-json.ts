import type { z } from 'zod';
import type { VisiblePersonProfile } from './people-visibility.service.ts';
import type { PersonView, RoleView, VisiblePerson } from './person-view.ts';
import type { PersonDetailResponse, PersonResponse, RoleResponse, VisiblePersonResponse } from './people.schemas.ts';

// How the API spells people and roles (snake_case, as the request bodies are).

export const personJson = (p: PersonView): z.infer<typeof PersonResponse> => ({
  id: p.id,
  name: p.name,
  email: p.email,
  email_verified: p.emailVerified,
  disabled: p.disabled,
  invited: p.invited,
  last_sign_in_at: p.lastSignInAt,
  created_at: p.createdAt,
});

/** Only id, name and email for a viewer who may not see the account (see visiblePerson). */
export const visiblePersonJson = (p: VisiblePerson): z.infer<typeof VisiblePersonResponse> =>
  p.limited ? { id: p.id, name: p.name, email: p.email } : personJson(p);

export const roleJson = (r: RoleView): z.infer<typeof RoleResponse> => ({
  id: r.id,
  person_id: r.personId,
  organisation_id: r.organisationId,
  role: r.role,
  title: r.title,
  created_at: r.createdAt,
});

export const personDetailJson = (profile: VisiblePersonProfile): z.infer<typeof PersonDetailResponse> => ({
  ...visiblePersonJson(profile.person),
  roles: profile.roles.map((r) => ({
    ...roleJson(r),
    organisation: { id: r.organisation.id, slug: r.organisation.slug, name: r.organisation.name, kind: r.organisation.kind },
  })),
});
