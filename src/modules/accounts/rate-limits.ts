import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';

const DEFAULT_WINDOW_MS = 15 * 60_000;

/**
 * Per-route limits for the forms that guess passwords or send email, keyed by client address and
 * the email address typed, so one attacker cannot hammer one account and one busy office network
 * does not lock out everyone behind it. The check runs once the body is parsed (preHandler), after
 * the CSRF check, so it sees the typed address.
 */
export function accountRateLimit(app: FastifyInstance, kind: 'signIn' | 'emailRequests'): RateLimitOptions {
  const limits = app.deps.rateLimits;
  return {
    max: limits?.[kind] ?? (kind === 'signIn' ? 10 : 5),
    timeWindow: limits?.windowMs ?? DEFAULT_WINDOW_MS,
    hook: 'preHandler',
    keyGenerator: (request) => `${request.ip}|${typedEmail(request)}`,
  };
}

function typedEmail(request: FastifyRequest): string {
  const email = (request.body as Record<string, unknown> | undefined)?.email;
  if (typeof email === 'string' && email.trim()) return email.trim().toLowerCase().slice(0, 254);
  // A signed-in person asking for a new verification link sends no address: use theirs.
  return request.principal?.email?.toLowerCase() ?? '';
}
