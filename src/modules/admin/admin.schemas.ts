import { z } from 'zod';
import { fields } from '../../platform/validation.ts';
import { ROLE_KINDS } from '../../db/schema.ts';

/** A new API token: what it is for, and the one role at one organisation it acts as. */
export const ApiTokenInput = z.object({
  name: z.string().trim().min(1).max(120),
  role: z.enum(ROLE_KINDS),
  organisation: z.string().trim().min(1).max(120),
});
export type ApiTokenInput = z.infer<typeof ApiTokenInput>;

/** Filters on the audit log page. */
export const AuditQuery = z.object({
  action: z.string().max(60).optional(),
  subjectType: z.string().max(40).optional(),
  subjectId: fields.id().optional(),
  organisationId: fields.id().optional(),
  personId: fields.id().optional(),
  before: fields.id().optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;
