import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderToString } from 'preact-render-to-string';
import { translatorFor } from '../../i18n/i18n.ts';
import type { ViewContext } from '../view-context.ts';
import { Form, TextField } from './form.tsx';

const ctx: ViewContext = { t: translatorFor('en'), locale: 'en', principal: null, path: '/', csrf: () => 'token', flash: null, isAdmin: false };

describe('form components', () => {
  it('names each field in the error summary, links to it, and marks the field invalid', () => {
    const state = { values: { email: 'not-an-email', name: '<b>Bea</b>' }, errors: { email: ['validation:email'] } };
    const html = renderToString(
      <Form ctx={ctx} action="/x" state={state}>
        <div>
          <TextField ctx={ctx} state={state} name="name" label="Full name" />
          <TextField ctx={ctx} state={state} name="email" label="Email address" />
        </div>
      </Form>,
    );
    assert.match(html, /<a href="#field-email">Email address: Enter an email address like name@example.org.<\/a>/);
    assert.match(html, /id="field-email"[^>]*aria-invalid="true"/);
    assert.match(html, /aria-describedby="field-email-error"/);
    assert.match(html, /value="&lt;b>Bea&lt;\/b>"/, 'typed values come back escaped');
    assert.match(html, /name="_csrf" value="token"/);
  });

  it('shows no summary when there is nothing to fix', () => {
    const html = renderToString(
      <Form ctx={ctx} action="/x" state={{ values: {}, errors: {} }}>
        <TextField ctx={ctx} name="email" label="Email address" />
      </Form>,
    );
    assert.doesNotMatch(html, /usa-alert--error/);
  });
});
