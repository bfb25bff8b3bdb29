import type { ComponentChildren } from 'preact';
import type { ViewContext } from './view-context.ts';
import { FlashAlert } from './components/alert.tsx';
import { SiteHeader } from './site-header.tsx';
import { SiteFooter } from './site-footer.tsx';

/** The page shell every HTML page uses: head, skip link, header, main landmark, footer. */
/** `head`: extra elements for the document head (feed links, a page's own stylesheet). */
export function Layout(props: { ctx: ViewContext; title: string; children: ComponentChildren; wide?: boolean; head?: ComponentChildren }) {
  const { ctx, title } = props;
  return (
    <html lang={ctx.locale}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${ctx.t('common:siteName')}`}</title>
        <link rel="stylesheet" href="/assets/uswds/css/uswds.min.css" />
        <link rel="stylesheet" href="/assets/hub.css" />
        <link rel="icon" href="/assets/favicon.svg" type="image/svg+xml" />
        <script src="/assets/uswds/js/uswds-init.min.js"></script>
        {props.head}
      </head>
      <body>
        <a class="usa-skipnav" href="#main-content">
          {ctx.t('common:skipToContent')}
        </a>
        {/* USWDS dims the page behind the open mobile menu with this, and closes the menu on a click on it. */}
        <div class="usa-overlay"></div>
        <SiteHeader ctx={ctx} />
        <main id="main-content" class={props.wide ? 'padding-y-4' : 'grid-container padding-y-4'} tabIndex={-1}>
          {ctx.flash && <FlashAlert ctx={ctx} flash={ctx.flash} />}
          {props.children}
        </main>
        <SiteFooter ctx={ctx} />
        <script src="/assets/uswds/js/uswds.min.js"></script>
      </body>
    </html>
  );
}
