import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyInstance } from 'fastify';
import accepts from '@fastify/accepts';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import helmet from 'helmet';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppDeps } from './platform/http/types.ts';
import { requestContextPlugin } from './platform/http/request-context.plugin.ts';
import { databaseRateLimitStore } from './platform/http/rate-limit-store.ts';
import { secureCookies } from './platform/http/cookies.ts';
import { registerErrorHandlers } from './platform/http/error-handler.tsx';
import { getCookieSecret, pingDatabase } from './platform/settings/settings.service.ts';
import { AppError } from './platform/errors.ts';
import { configureSiteUrl } from './platform/site-url.ts';
import { registerModules } from './modules/index.ts';
import { tileImageSource } from './modules/directory/map-tiles.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
// The package's exports map hides package.json, so find dist/ from its main script (dist/js/uswds.min.js).
const uswdsDist = path.resolve(path.dirname(createRequire(import.meta.url).resolve('@uswds/uswds')), '..');
// Leaflet's main script is dist/leaflet-src.js: its folder holds the CSS and images the map needs.
const leafletDist = path.dirname(createRequire(import.meta.url).resolve('leaflet'));

/** Largest request body we accept (forms and JSON). Uploads get their own, larger limit per route. */
export const BODY_LIMIT = 1024 * 1024;

/** A hop count becomes "trust the first n hops" (what proxy-addr does for numbers; Fastify's types want a function). */
function trustProxyOption(trust: boolean | number | string) {
  return typeof trust === 'number' ? (_address: string, hop: number) => hop < trust : trust;
}

/**
 * What the log says of each request. The query string is left out: single-use links carry their
 * token there (/reset-password?token=…), and a log must not become a way to take over accounts.
 */
export function logRequest(req: { method: string; url: string; ip?: string }) {
  return { method: req.method, path: req.url.split('?')[0], ip: req.ip };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Builds the whole application from its dependencies, without listening. Tests use `app.inject`. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.config.logLevel === 'silent' ? false : { level: deps.config.logLevel, serializers: { req: logRequest } },
    bodyLimit: BODY_LIMIT,
    trustProxy: trustProxyOption(deps.config.trustProxy),
    // A load balancer's request id ties its log to ours; from anyone else it is not believed.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return deps.config.trustProxy !== false && typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorate('deps', deps);
  configureSiteUrl(deps.config.baseUrl);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // Helmet's headers come from one middleware built here. (Its Fastify plugin builds a new one,
  // parsing the whole policy, on every request: a tenth of a stored page's time.)
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        // The directory map's tile server, when one is configured (its images only).
        imgSrc: ["'self'", 'data:', ...(deps.config.mapTiles ? [tileImageSource(deps.config.mapTiles.url)].filter((s): s is string => !!s) : [])],
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
  app.addHook('onRequest', (request, reply, done) => securityHeaders(request.raw, reply.raw, (err?: unknown) => done(err as Error | undefined)));
  await app.register(cookie, { secret: deps.config.cookieSecret ?? (await getCookieSecret(deps.database.db)) });
  await app.register(csrf, {
    cookieOpts: { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies(deps.config), signed: true },
    getToken: (req) => (req.body as Record<string, string> | undefined)?._csrf ?? (req.headers['x-csrf-token'] as string | undefined),
  });
  await app.register(formbody, { bodyLimit: BODY_LIMIT });
  await app.register(accepts);
  await app.register(rateLimit, { global: false, store: databaseRateLimitStore(deps.database.db) });
  await app.register(fastifyStatic, { root: uswdsDist, prefix: '/assets/uswds/', decorateReply: false, maxAge: '7d' });
  await app.register(fastifyStatic, { root: path.join(here, 'platform/ui/static'), prefix: '/assets/', decorateReply: false, maxAge: '1h' });
  await app.register(fastifyStatic, { root: leafletDist, prefix: '/assets/leaflet/', decorateReply: false, maxAge: '7d' });
  await app.register(fastifyStatic, { root: path.join(here, 'client'), prefix: '/assets/client/', decorateReply: false, maxAge: '1h' });

  await app.register(requestContextPlugin);
  // Every state-changing form must carry its CSRF token. The API is exempt, but a write there on
  // a signed-in browser's cookie must be JSON: a cross-site page can post a form, never JSON
  // without the browser first asking us (CORS), so a form cannot ride the cookie into the API.
  app.addHook('preHandler', (request, reply, done) => {
    if (SAFE_METHODS.has(request.method)) return done();
    if (!request.url.startsWith('/api/')) return app.csrfProtection(request, reply, done);
    const byCookie = request.principal?.kind === 'person';
    if (byCookie && request.method === 'POST' && !/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      return done(new AppError(415, 'unsupported_media_type', 'errors:unsupportedMediaType'));
    }
    done();
  });
  registerErrorHandlers(app);

  app.get('/healthz', { schema: { hide: true } }, async () => {
    await pingDatabase(deps.database.db);
    return { status: 'ok' };
  });

  await registerModules(app);
  return app;
}
