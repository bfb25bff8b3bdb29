import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import accepts from '@fastify/accepts';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './platform/http/types.ts';
import { requestContextPlugin } from './platform/http/request-context.plugin.ts';
import { databaseRateLimitStore } from './platform/http/rate-limit-store.ts';
import { registerErrorHandlers } from './platform/http/error-handler.tsx';
import { getCookieSecret } from './platform/settings/settings.service.ts';
import { registerModules } from './modules/index.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// The package's exports map hides package.json, so find dist/ from its main script (dist/js/uswds.min.js).
const uswdsDist = path.resolve(path.dirname(createRequire(import.meta.url).resolve('@uswds/uswds')), '..');

/** Largest request body we accept (forms and JSON). Uploads get their own, larger limit per route. */
export const BODY_LIMIT = 1024 * 1024;

/** A hop count becomes "trust the first n hops" (what proxy-addr does for numbers; Fastify's types want a function). */
function trustProxyOption(trust: boolean | number | string) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

/** Builds the whole application from its dependencies, without listening. Tests use `app.inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel, redact: ['req.headers.cookie', 'req.headers.authorization'] },
    bodyLimit: BODY_LIMIT,
    trustProxy: trustProxyOption(deps.config.trustProxy),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorate('deps', deps);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // Plain-http development would otherwise be told to use https it does not have.
    strictTransportSecurity: deps.config.baseUrl.startsWith('https:'),
  });
  await app.register(cookie, { secret: deps.config.cookieSecret ?? (await getCookieSecret(deps.database.db)) });
  await app.register(csrf, {
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: true, signed: true },
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
  });
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  await app.register(accepts);
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(deps.database.db) });
  await app.register(fastifyStatic, { root: uswdsDist, prefix: '/assets/uswds/', decorateReply: false, maxAge: '7d' });
  await app.register(fastifyStatic, { root: path.join(here, 'platform/ui/static'), prefix: '/assets/', decorateReply: false, maxAge: '1h' });

  await app.register(requestContextPlugin);
  // Every state-changing request outside the token-authenticated API must carry the form's token.
  app.addHook('preHandler', (request, reply, done) => {
    const safe = request.method === 'GET' || request.method === 'HEAD' || request.method === 'OPTIONS';
    if (safe || request.url.startsWith('/api/')) return done();
    app.csrfProtection(request, reply, done);
  });
  registerErrorHandlers(app);

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await deps.database.db.selectFrom('settings').select('key').limit(1).execute();
    return { status: 'ok' };
  });

  await registerModules(app);
  return app;
}
