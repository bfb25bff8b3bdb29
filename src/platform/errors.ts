/**
 * Every error we throw on purpose: an HTTP status, a stable machine `code`, a message key from the
 * catalogue (translated when rendered), and whether it is worth reporting in the logs as a fault.
 * One handler (platform/http/error-handler.tsx) turns these into JSON under /api and pages elsewhere.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKey: string,
    readonly options: { report?: boolean; fields?: FieldErrors; params?: Record<string, unknown> } = {},
  ) {
    super(`${code}: ${messageKey}`);
  }
  get fields(): FieldErrors | undefined {
    return this.options.fields;
  }
}

/** Field path (dotted) → message keys, as produced by Zod and shown beside form fields. */
export type FieldErrors = Record<string, string[]>;

export const badRequest = (fields?: FieldErrors, messageKey = 'errors:badRequest') =>
  new AppError(400, 'bad_request', messageKey, { fields });
export const unauthenticated = () => new AppError(401, 'unauthenticated', 'errors:unauthenticated');
export const forbidden = () => new AppError(403, 'forbidden', 'errors:forbidden');
export const notFound = () => new AppError(404, 'not_found', 'errors:notFound');
export const conflict = (messageKey = 'errors:conflict', fields?: FieldErrors) =>
  new AppError(409, 'conflict', messageKey, { fields });
export const payloadTooLarge = () => new AppError(413, 'payload_too_large', 'errors:payloadTooLarge');
export const tooManyRequests = () => new AppError(429, 'too_many_requests', 'errors:tooManyRequests');
