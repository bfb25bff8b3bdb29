import type { FastifyInstance } from 'fastify';
import { registerAccountPageRoutes } from './account.routes.tsx';
import { settleAccountWork } from './account-work.ts';
import { registerInvitationRoutes } from './invitation.routes.tsx';
import { registerPasswordRoutes } from './password.routes.tsx';
import { registerRegistrationRoutes } from './registration.routes.tsx';
import { registerSignInRoutes } from './sign-in.routes.tsx';

/** Register, verify, sign in and out, reset a password, sign in by email link, the account page. */
export async function registerAccountsRoutes(app: FastifyInstance): Promise<void> {
  // Work started after a reply (emails, links, registrations) finishes before the database closes.
  app.addHook('onClose', () => settleAccountWork());
  await registerRegistrationRoutes(app);
  await registerSignInRoutes(app);
  await registerPasswordRoutes(app);
  await registerInvitationRoutes(app);
  await registerAccountPageRoutes(app);
}
