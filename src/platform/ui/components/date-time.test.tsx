import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { translatorFor, type Locale } from '../../i18n/i18n.ts';
import type { ViewContext } from '../view-context.ts';
import { DateTime } from './date-time.tsx';

const ctxIn = (locale: Locale): ViewContext => ({ t: translatorFor(locale), locale, principal: null, path: '/', csrf: () => 'token', flash: null, isAdmin: false });

describe('DateTime', () => {
  it('shows a stored time in the reader’s language, in UTC whatever the server’s zone, with the exact value in <time>', () => {
    const iso = '2026-01-02T23:30:00.000Z';
    const en = renderToString(<DateTime ctx={ctxIn('en')} iso={iso} empty="Never" />);
    assert.match(en, /^<time datetime="2026-01-02T23:30:00.000Z">Jan 2, 2026, 11:30\sPM UTC<\/time>$/);
    const es = renderToString(<DateTime ctx={ctxIn('es')} iso={iso} empty="Nunca" />);
    assert.match(es, /^<time datetime="2026-01-02T23:30:00.000Z">2 ene 2026, 23:30 UTC<\/time>$/);
  });

  it('shows the wording it is given when there is no time', () => {
    assert.equal(renderToString(<DateTime ctx={ctxIn('en')} iso={null} empty="Not yet" />), 'Not yet');
  });
});
