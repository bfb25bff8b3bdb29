import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';

/**
 * An in-process "browser" over app.inject: keeps cookies between requests and fills in the CSRF
 * token from the page a form lives on, as a person's browser would.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: FastifyInstance) {}

  async request(opts: InjectOptions): Promise<LightMyRequestResponse> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({ ...opts, headers: { ...(cookie && { cookie }), ...opts.headers } });
    for (const c of res.cookies as { name: string; value: string; expires?: Date; maxAge?: number }[]) {
      const expired = (c.expires && c.expires.getTime() <= Date.now()) || c.maxAge === 0 || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  get(url: string, headers: Record<string, string> = {}) {
    return this.request({ method: 'GET', url, headers });
  }

  /** The CSRF token from the first form on a page. */
  async csrfFrom(pageUrl: string): Promise<string> {
    const page = await this.get(pageUrl);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
    if (!token) throw new Error(`no form with a CSRF token at ${pageUrl} (status ${page.statusCode})`);
    return token;
  }

  /**
   * Submits a form the way a browser does: loads `pageUrl` for its token, then POSTs the fields
   * urlencoded to `action` (defaults to the page itself).
   */
  async submit(pageUrl: string, fields: Record<string, string | string[]>, action = pageUrl.split('?')[0]!) {
    const token = await this.csrfFrom(pageUrl);
    return this.post(action, { ...fields, _csrf: token });
  }

  /** A raw urlencoded POST (no token unless given): for testing what the guards refuse. */
  post(url: string, fields: Record<string, string | string[]>) {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.request({ method: 'POST', url, payload: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }
}

/** The text of a page without tags, whitespace collapsed: for asserting what a person reads. */
export function textOf(html: string): string {
  return html.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<[^>]+>/g, ' ').replace(/&#x27;|&#39;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();
}
