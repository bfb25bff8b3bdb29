import type { FastifyInstance, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import type { RateLimitOptions } from '@fastify/rate-limit';
import { tooManyRequests } from '../../platform/errors.ts';

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

/**
 * A second limit on sign-in, per account whatever the address: the per-address limit alone lets
 * many machines take turns guessing one person's password. Generous enough that a person who
 * mistypes a few times is never locked out by it.
 */
export function accountSignInLimit(app: FastifyInstance): preHandlerAsyncHookHandler {
  const limits = app.deps.rateLimits;
  const limiter = app.createRateLimit({
    max: limits?.signInPerAccount ?? 30,
    timeWindow: limits?.windowMs ?? DEFAULT_WINDOW_MS,
    keyGenerator: (request) => `sign-in-account|${typedEmail(request)}`,
  });
  return async (request) => {
    const result = await limiter(request);
    if (!result.isAllowed && result.isExceeded) throw tooManyRequests();
  };
}
