import { AppError, type FieldErrors } from '../errors.ts';

/**
 * A refusal a form should show beside its fields (bad input 400, a conflict 409), or null for
 * anything else, which goes to the error handler as usual.
 */
export function formFailure(err: unknown): { status: number; errors: FieldErrors; formError?: string } | null {
  if (!(err instanceof AppError) || (err.status !== 400 && err.status !== 409)) return null;
  return err.fields ? { status: err.status, errors: err.fields } : { status: err.status, errors: {}, formError: err.messageKey };
}
