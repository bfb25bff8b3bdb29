import type { Config } from '../../config.ts';
import type { DatabaseHandle } from '../../db/connection.ts';
import type { Locale, Translate } from '../i18n/i18n.ts';
import type { Mailer } from '../mail/mailer.ts';
import type { Principal } from '../auth/principal.ts';
import type { Flash } from '../ui/view-context.ts';

/** Rate limits, configurable so tests can exercise them with small numbers. */
export interface RateLimits {
  /** Sign-in attempts per address per window. */
  signIn: number;
  /** Sign-in attempts per account, from all addresses together, per window. */
  signInPerAccount: number;
  /** Password-reset and sign-in-link requests per address per window. */
  emailRequests: number;
  windowMs: number;
}

/** Everything the app is built from; tests build their own. */
export interface AppDeps {
  config: Config;
  database: DatabaseHandle;
  mailer: Mailer;
  rateLimits?: Partial<RateLimits>;
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps;
  }
  interface FastifyRequest {
    principal: Principal | null;
    /** The raw session token from the cookie, when signed in through one. */
    sessionToken: string | null;
    locale: Locale;
    t: Translate;
    flash: Flash | null;
  }
  interface FastifyReply {
    /** Shows a one-time notice on the next page. */
    setFlash(flash: Flash): FastifyReply;
  }
}
