import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { LOCALE_COOKIE } from '../../platform/http/request-context.plugin.ts';
import { viewContext } from '../../platform/http/view.ts';
import { sendPage } from '../../platform/ui/render.ts';
import { HomePage } from './views/home-page.tsx';

/** The public site: the network's own pages in its own words. */
export async function registerPagesRoutes(app: FastifyInstance): Promise<void> {
  app.get('/', { schema: { hide: true } }, (request, reply) => sendPage(reply, <HomePage ctx={viewContext(request, reply)} />));

  // Choosing a language is a preference, not a change to anyone's data, so a plain link does it.
  app.get('/locale/:lang', { schema: { hide: true } }, (request, reply) => {
    const { lang } = z.object({ lang: z.string() }).parse(request.params);
    const next = z.object({ next: z.string().optional() }).parse(request.query).next ?? '/';
    if (isLocale(lang)) reply.setCookie(LOCALE_COOKIE, lang, { path: '/', sameSite: 'lax', secure: true, maxAge: 365 * 86_400 });
    return reply.redirect(safeLocalPath(next));
  });
}

/** Only same-site paths: never redirect to another host (an open redirect). */
export function safeLocalPath(next: string | undefined): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') ? next : '/';
}
