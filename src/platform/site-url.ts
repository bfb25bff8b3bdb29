// Emails and background jobs leave the request behind, so links in them cannot be built from the
// request's host. The public address comes from BASE_URL, set once at start-up by whatever runs
// the code (the app, the job runner); everything else asks `siteUrl`.

let base = 'http://localhost:3000';

/** Records the site's public address (config.baseUrl). */
export function configureSiteUrl(baseUrl: string): void {
  base = baseUrl.replace(/\/$/, '');
}

/** An absolute link into the site, for emails. */
export const siteUrl = (path: string): string => new URL(path, `${base}/`).toString();
