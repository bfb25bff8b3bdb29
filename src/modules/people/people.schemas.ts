import { z } from 'zod';
import { ORGANISATION_KINDS, ROLE_KINDS } from '../../db/schema.ts';
import { fields } from '../../platform/validation.ts';

// One schema per input. Forms and the JSON API share them; the API's response shapes are here too
// so /api/openapi.json describes exactly what is sent. Nothing here ever carries a password hash.

const personName = () => z.string().trim().min(1).max(200);
const roleKind = () => z.enum(ROLE_KINDS);
const roleTitle = () => fields.optionalText(120);
const positiveId = fields.id;

/** Inviting someone to an organisation: the invite form and POST /api/v1/organisations/:id/invitations. */
export const InvitationSchema = z.object({ name: personName(), email: fields.email(), role: roleKind(), title: roleTitle() });
export type InvitationInput = z.infer<typeof InvitationSchema>;

/** POST /api/v1/people/:id/roles. */
export const RoleGrantSchema = z.object({ organisation_id: z.number().int().positive().max(2_147_483_647), role: roleKind(), title: roleTitle() });

/** The role form on a person's page: the organisation by its slug (works without JavaScript). */
export const RoleGrantFormSchema = z.object({
  organisation: z.string().trim().min(1).max(120),
  role: roleKind(),
  title: roleTitle(),
  invite: fields.checkbox(),
});

/** Adding a person (admin): the form at /admin/people/new and POST /api/v1/people. */
export const PersonCreateSchema = z.object({ name: personName(), email: fields.email() });

/** The edit form as an admin sees it; an unticked checkbox is absent, so it reads as false. */
export const PersonAdminEditSchema = PersonCreateSchema.extend({ disabled: fields.checkbox() });

/** The edit form as a person sees it for themselves: only their name. */
export const PersonSelfEditSchema = PersonCreateSchema.pick({ name: true });

/** PATCH /api/v1/people/:id: only the fields sent change. */
export const PersonPatchSchema = z
  .object({ name: personName().optional(), email: fields.email().optional(), disabled: z.boolean().optional() })
  .strict();
export type PersonChanges = { name?: string; email?: string; disabled?: boolean };

/** GET /api/v1/people. */
export const PeopleQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  role: roleKind().optional(),
  organisation_id: positiveId().optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  per_page: z.coerce.number().int().min(1).max(100).default(25),
});

/** The filters on /admin/people (the organisation by slug, as typed). */
export const PeopleAdminQuerySchema = z.object({
  q: z.string().trim().max(200).optional(),
  role: roleKind().optional(),
  organisation: z.string().trim().max(120).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});

export const PersonParams = z.object({ id: positiveId() });
export const PersonRoleParams = z.object({ id: positiveId(), roleId: positiveId() });
export const OrganisationIdParams = z.object({ id: positiveId() });
export const OrganisationSlugParams = z.object({ slug: z.string().min(1).max(200) });
export const OrganisationRoleParams = OrganisationSlugParams.extend({ roleId: positiveId() });

// --- API responses ---

/** A person in full: what network admins, and the person themself, are sent. */
export const PersonResponse = z.object({
  id: z.number().int(),
  name: z.string(),
  email: z.string(),
  email_verified: z.boolean(),
  disabled: z.boolean(),
  /** Invited but has never signed in. */
  invited: z.boolean(),
  last_sign_in_at: z.string().nullable(),
  created_at: z.string(),
});

/**
 * A person as the caller may see them. Network admins and the person themself get every field;
 * anyone else only id, name and email, so an organisation learns nothing about an account's
 * life elsewhere (or whether it existed before they invited it).
 */
const accountOnly = <T extends z.ZodType>(field: T) => field.optional().describe('Sent only to network admins and to the person themself.');
export const VisiblePersonResponse = PersonResponse.extend({
  email_verified: accountOnly(PersonResponse.shape.email_verified),
  disabled: accountOnly(PersonResponse.shape.disabled),
  invited: accountOnly(PersonResponse.shape.invited),
  last_sign_in_at: accountOnly(PersonResponse.shape.last_sign_in_at),
  created_at: accountOnly(PersonResponse.shape.created_at),
});

export const RoleResponse = z.object({
  id: z.number().int(),
  person_id: z.number().int(),
  organisation_id: z.number().int(),
  role: roleKind(),
  title: z.string().nullable(),
  created_at: z.string(),
});

export const PersonDetailResponse = VisiblePersonResponse.extend({
  roles: z
    .array(
      RoleResponse.extend({
        organisation: z.object({ id: z.number().int(), slug: z.string(), name: z.string(), kind: z.enum(ORGANISATION_KINDS) }),
      }),
    )
    .describe('Every role for network admins and the person themself; for anyone else only the roles at organisations whose people they may see.'),
}).describe(
  'A person with their roles. Network admins and the person themself get every field and role; anyone else gets id, name, email and the roles at organisations whose people they may see.',
);

export const PeoplePageResponse = z.object({
  items: z.array(VisiblePersonResponse),
  page: z.number().int(),
  per_page: z.number().int(),
  total: z.number().int(),
});

export const OrganisationPeopleResponse = z.object({
  items: z.array(
    z.object({
      role: RoleResponse,
      person: VisiblePersonResponse,
      invitation_pending: z.boolean().describe('The person has not signed in since being given this role.'),
    }),
  ),
});

/** Says nothing about whether the address already had an account. */
export const InvitationResponse = z.object({
  person: VisiblePersonResponse,
  role: RoleResponse,
  invitation_sent: z.boolean().describe('False when the role was given but the mail server refused the email; send it again later.'),
});

/** The shape of every error the API answers with (see platform/http/error-handler.tsx). */
export const ErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.array(z.string())).optional() }),
  requestId: z.string(),
});
