import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderDocument } from '../ui/render.ts';
import type { ViewContext } from '../ui/view-context.ts';
import { viewContext } from './view.ts';

const MAX_ENTRIES = 2_000;
/** A variant longer than this is rendered but not stored (keys stay small; see `variant`). */
const MAX_VARIANT_LENGTH = 512;

interface Stored {
  /** Encoded once: a large page (a 36 KB search page) costs its UTF-8 encoding on every send otherwise. */
  html: Buffer;
  expiresAt: number;
}

// One store per app (tests run several apps in one process, each with its own BASE_URL).
const caches = new WeakMap<FastifyInstance, Map<string, Stored>>();

/**
 * Sends a page whose content depends only on its path and language for signed-out visitors,
 * rendering it once and serving the stored HTML until `maxAgeMs` passes (forever for the network's
 * own pages; briefly for pages drawn from data others edit, such as directory profiles). Anyone
 * signed in, carrying a notice, or sent a page with a form (a CSRF token is personal) gets a fresh
 * render, never a stored one. A page that throws (a 404, say) is not stored.
 *
 * `variant` names what else, besides path and language, the page depends on — for a search page,
 * its query normalised by the caller (parsed, defaults filled, keys in one order), so that
 * `?state=CA&kind=school` and `?kind=school&state=CA&utm=x` share one entry. The raw query string
 * is never the key: anyone could fill the store with junk variations of it.
 */
export async function sendPublicPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: (ctx: ViewContext) => VNode | Promise<VNode>,
  opts: { maxAgeMs?: number; variant?: string } = {},
): Promise<FastifyReply> {
  let cache = caches.get(request.server);
  if (!cache) caches.set(request.server, (cache = new Map()));
  const cacheable = !request.principal && !request.flash && (opts.variant?.length ?? 0) <= MAX_VARIANT_LENGTH;
  const key = `${request.locale}|${request.url.split('?')[0]}|${opts.variant ?? ''}`;
  const now = Date.now();
  const stored = cacheable ? cache.get(key) : undefined;
  if (stored && stored.expiresAt > now) return reply.type('text/html; charset=utf-8').send(stored.html);

  const ctx = viewContext(request, reply);
  let personal = false;
  const html = renderDocument(await page({ ...ctx, csrf: () => ((personal = true), ctx.csrf()) }));
  if (!cacheable || personal) return reply.type('text/html; charset=utf-8').send(html);
  const encoded = Buffer.from(html, 'utf8');
  cache.delete(key);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, { html: encoded, expiresAt: now + (opts.maxAgeMs ?? Number.POSITIVE_INFINITY) });
  return reply.type('text/html; charset=utf-8').send(encoded);
}
