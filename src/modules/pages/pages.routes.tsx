import type { FastifyInstance } from 'fastify';
import type { VNode } from 'preact';
import { z } from 'zod';
import { isLocale } from '../../platform/i18n/i18n.ts';
import { secureCookies } from '../../platform/http/cookies.ts';
import { LOCALE_COOKIE } from '../../platform/http/request-context.plugin.ts';
import { sendPublicPage } from '../../platform/http/public-page-cache.ts';
import type { ViewContext } from '../../platform/ui/view-context.ts';
import { MODULE_ROOTS } from './module-roots.ts';
import { AboutPage } from './views/about-page.tsx';
import { BeliefsPage } from './views/beliefs-page.tsx';
import { HomePage } from './views/home-page.tsx';
import { ModuleRootPage } from './views/module-root-page.tsx';
import { NetworkPage } from './views/network-page.tsx';
import { PrinciplesPage } from './views/principles-page.tsx';

/** The network's own pages: path → page component. */
const STATIC_PAGES: readonly [string, (props: { ctx: ViewContext }) => VNode][] = [
  ['/', HomePage],
  ['/about', AboutPage],
  ['/beliefs', BeliefsPage],
  ['/principles', PrinciplesPage],
  ['/network', NetworkPage],
];

/** The public site: the network's own pages in its own words, and the roots of later modules. */
export async function registerPagesRoutes(app: FastifyInstance): Promise<void> {
  for (const [path, Page] of STATIC_PAGES) {
    app.get(path, { schema: { hide: true } }, (request, reply) => sendPublicPage(request, reply, (ctx) => <Page ctx={ctx} />));
  }
  for (const root of MODULE_ROOTS) {
    app.get(root.path, { schema: { hide: true } }, (request, reply) => sendPublicPage(request, reply, (ctx) => <ModuleRootPage ctx={ctx} root={root} />));
  }

  // Choosing a language is a preference, not a change to anyone's data, so a plain link does it.
  app.get('/locale/:lang', { schema: { hide: true } }, (request, reply) => {
    const { lang } = z.object({ lang: z.string() }).parse(request.params);
    const next = z.object({ next: z.string().optional() }).parse(request.query).next ?? '/';
    if (isLocale(lang)) reply.setCookie(LOCALE_COOKIE, lang, { path: '/', sameSite: 'lax', secure: secureCookies(request.server.deps.config), maxAge: 365 * 86_400 });
    return reply.redirect(safeLocalPath(next));
  });
}

/**
 * Only same-site paths: never redirect to another host (an open redirect). Browsers read a backslash
 * as `/` and silently drop tabs and newlines, so `/<backslash>evil.example` or `/<tab>/evil.example`
 * would become `//evil.example`; a path a browser sent us is printable ASCII anyway, so anything else
 * is refused.
 */
export function safeLocalPath(next: string | undefined): string {
  return next && /^\/(?!\/)[\x21-\x5b\x5d-\x7e]*$/.test(next) ? next : '/';
}
