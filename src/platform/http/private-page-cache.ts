import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { renderDocument } from '../ui/render.ts';
import type { ViewContext } from '../ui/view-context.ts';
import { viewContext } from './view.ts';

// One entry per person and page (a new version replaces the old); pages are tens of kilobytes, and
// the server's heap is capped, so the store stays under about 20 MB.
const MAX_ENTRIES = 400;
/** Whatever the version stamp misses (a person's or school's name edited elsewhere) shows within this. */
const MAX_AGE_MS = 60_000;

interface Stored {
  version: string;
  /** The page around its CSRF tokens, encoded once; the tokens are the requester's, put in at send time. */
  parts: Buffer[];
  expiresAt: number;
}

// One store per app (tests run several apps in one process).
const caches = new WeakMap<FastifyInstance, Map<string, Stored>>();
// Stands in for the CSRF token while rendering: a token belongs to the browser's CSRF cookie, so
// a stored page gets the requester's own token at send time. Random per process, so no stored
// text can contain it by accident.
const TOKEN_MARK = `csrf-${randomBytes(12).toString('hex')}`;

/**
 * Sends a signed-in person's page, keeping the rendered HTML for repeat views of the same data.
 * `version` must change whenever anything the page shows changes (for a self-assessment cycle, its
 * `revision`, which every change to the cycle raises; `updated_at` could repeat within a
 * millisecond); the key also holds the person, their roles, the
 * language and the path, so a stored page is only ever sent to the person it was rendered for,
 * with what their current roles allow. Authorisation stays with the caller and runs on every
 * request, before this. A page with a one-time notice is rendered and never stored.
 *
 * Why not `sendPublicPage`: that store is for signed-out visitors only, and a page with a form is
 * personal to it. Here forms are the point, so their tokens are filled in per request instead.
 */
export async function sendPrivatePage(request: FastifyRequest, reply: FastifyReply, version: string, page: (ctx: ViewContext) => VNode | Promise<VNode>): Promise<FastifyReply> {
  const p = request.principal;
  let cache = caches.get(request.server);
  if (!cache) caches.set(request.server, (cache = new Map()));
  const key = p ? `${p.personId}|${p.roles.map((r) => `${r.role}@${r.organisationId}`).join(',')}|${request.locale}|${request.url.split('?')[0]}` : '';
  const cacheable = p?.kind === 'person' && !request.flash;
  const now = Date.now();
  const stored = cacheable ? cache.get(key) : undefined;
  if (stored && stored.version === version && stored.expiresAt > now) return send(reply, stored.parts);

  const ctx = viewContext(request, reply);
  if (!cacheable) return reply.type('text/html; charset=utf-8').send(renderDocument(await page(ctx)));
  const parts = renderDocument(await page({ ...ctx, csrf: () => TOKEN_MARK })).split(TOKEN_MARK).map((s) => Buffer.from(s, 'utf8'));
  cache.delete(key);
  if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
  cache.set(key, { version, parts, expiresAt: now + MAX_AGE_MS });
  return send(reply, parts);
}

function send(reply: FastifyReply, parts: Buffer[]): FastifyReply {
  reply.type('text/html; charset=utf-8').header('cache-control', 'private, no-store');
  if (parts.length === 1) return reply.send(parts[0]);
  const token = Buffer.from(reply.generateCsrf(), 'utf8');
  return reply.send(Buffer.concat(parts.flatMap((part, i) => (i === 0 ? [part] : [token, part]))));
}
