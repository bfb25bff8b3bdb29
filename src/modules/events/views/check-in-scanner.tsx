import type { CoalitionEvent } from '../../../db/schema.ts';
import { siteUrl } from '../../../platform/site-url.ts';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

/**
 * The door's QR scanner (island: src/client/check-in-scanner.js). Everything but the live region is
 * rendered `hidden`, so a browser that cannot read QR codes in the page (most desktops) shows
 * exactly the page it showed before and the search stays the way in. It sits below the search, so
 * revealing the button never moves the search field under a thumb. The strings travel in data-*
 * attributes (the Content-Security-Policy allows no inline script). The camera needs no CSP change,
 * and the app sends no Permissions-Policy, so the browser's default (camera for this origin) holds.
 */
export function DoorScanner({ ctx, event }: { ctx: ViewContext; event: CoalitionEvent }) {
  const { t } = ctx;
  const k = (key: string) => t(`attendees:door.scanner.${key}`);
  return (
    <>
      <link rel="stylesheet" href="/assets/client/check-in-scanner.css" />
      <div
        id="door-scanner"
        class="door-scanner margin-bottom-3"
        data-slug={event.slug}
        data-site-origin={new URL(siteUrl('/')).origin}
        data-msg-scanning={k('scanning')}
        data-msg-found={k('found')}
        data-msg-foreign={k('foreign')}
        data-msg-stopped={k('stopped')}
        data-msg-denied={k('denied')}
        data-msg-no-camera={k('noCamera')}
        data-msg-failed={k('failed')}
      >
        <button type="button" class="usa-button usa-button--big usa-button--outline width-full" data-scan-start hidden>
          {k('start')}
        </button>
        <div data-scan-viewer hidden>
          <video class="display-block width-full height-auto bg-base-darkest" width={640} height={480} muted playsInline aria-label={k('camera')} />
          <button type="button" class="usa-button usa-button--secondary width-full margin-top-1" data-scan-stop>
            {k('stop')}
          </button>
        </div>
        <p class="margin-y-1" role="status" aria-live="polite" data-scan-status></p>
      </div>
      <script type="module" src="/assets/client/check-in-scanner.js"></script>
    </>
  );
}
