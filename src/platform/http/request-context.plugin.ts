import fp from 'fastify-plugin';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { DEFAULT_LOCALE, isLocale, LOCALES, translatorFor, type Locale } from '../i18n/i18n.ts';
import { principalFromApiToken, principalFromSession } from '../auth/sessions.ts';
import type { Flash } from '../ui/view-context.ts';
import { secureCookies } from './cookies.ts';

export const SESSION_COOKIE = 'hub_session';
export const LOCALE_COOKIE = 'hub_lang';
const FLASH_COOKIE = 'hub_flash';

/**
 * Runs before every handler: who is asking (session cookie, or a bearer token under /api),
 * which language to answer in, and any one-time notice left by the previous request.
 */
export const requestContextPlugin = fp(async (app: FastifyInstance) => {
  const { db, changes } = app.deps.database;
  const secure = secureCookies(app.deps.config);
  app.decorateRequest('principal', null);
  app.decorateRequest('sessionToken', null);
  app.decorateRequest('locale', DEFAULT_LOCALE);
  app.decorateRequest('t', null as never);
  app.decorateRequest('flash', null);
  app.decorateReply('setFlash', function (flash: Flash) {
    return this.setCookie(FLASH_COOKIE, JSON.stringify(flash), { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: 60 });
  });

  app.addHook('onRequest', async (request, reply) => {
    if (request.url.startsWith('/assets/')) {
      request.t = translatorFor(DEFAULT_LOCALE);
      return;
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '')?.[1];
    if (bearer && request.url.startsWith('/api/')) {
      request.principal = await principalFromApiToken(db, bearer);
    } else {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        request.principal = await principalFromSession(db, token, changes);
        if (request.principal) request.sessionToken = token;
        else reply.clearCookie(SESSION_COOKIE, { path: '/' });
      }
    }
    request.locale = chooseLocale(request);
    request.t = translatorFor(request.locale);
    const flash = request.cookies[FLASH_COOKIE];
    if (flash) {
      const unsigned = request.unsignCookie(flash);
      if (unsigned.valid && unsigned.value) request.flash = parseFlash(unsigned.value);
      reply.clearCookie(FLASH_COOKIE, { path: '/' });
    }
  });
});

/** The person's own setting, then the language they picked on the site, then Accept-Language. */
function chooseLocale(request: FastifyRequest): Locale {
  const own = request.principal?.locale;
  if (isLocale(own)) return own;
  const picked = request.cookies[LOCALE_COOKIE];
  if (isLocale(picked)) return picked;
  const accepted = request.languages([...LOCALES]);
  return isLocale(accepted) ? accepted : DEFAULT_LOCALE;
}

function parseFlash(raw: string): Flash | null {
  try {
    const f = JSON.parse(raw) as Flash;
    return typeof f.message === 'string' && ['success', 'info', 'warning', 'error'].includes(f.type) ? f : null;
  } catch {
    return null;
  }
}
