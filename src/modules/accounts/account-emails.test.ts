import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestApp, type TestApp } from '../../../test/helpers/app.ts';
import { testDialects } from '../../../test/helpers/database.ts';
import { composeAccountEmail } from './account-emails.ts';
import { settleAccountWork } from './account-work.ts';
import { mailTo, register, uniqueEmail } from './accounts.test-support.ts';

const HOSTILE = `Zoë <img src=x onerror="alert(1)"> & "Co" 'Ltd'`;

describe('account email HTML', () => {
  it('escapes every interpolated value, in the subject, greeting, body and link, and keeps the text part raw', () => {
    const link = 'http://localhost:3000/invitation?token=a"b<c>&d=1';
    const mail = composeAccountEmail('invitationNew', 'en', 'x@example.org', { name: HOSTILE, inviterName: HOSTILE, organisationName: '<b>Org</b>', roleLabel: 'Staff' }, link);
    const html = mail.html!;
    assert.doesNotMatch(html, /<img/, 'no markup from values survives');
    assert.doesNotMatch(html, /<b>Org/);
    assert.ok(html.includes('<p>Hello Zoë &lt;img src=x onerror=&quot;alert(1)&quot;>'), html);
    assert.ok(html.includes('&amp; &quot;Co&quot;'), 'ampersands and quotes are escaped');
    assert.ok(html.includes('href="http://localhost:3000/invitation?token=a&quot;b&lt;c>&amp;d=1"'), html);
    assert.match(html, /<a href="[^"]+">Accept the invitation<\/a>/);
    // The subject carries the inviter's name too, and appears as the document title.
    assert.match(html, /<title>Zoë &lt;img[^<]*invited you to join &lt;b>Org&lt;\/b> on Coalition Hub<\/title>/);
    // The plain-text part is not HTML and must not be escaped.
    assert.ok(mail.text.includes(`Hello ${HOSTILE},`));
    assert.ok(mail.text.includes(link));
    assert.ok(mail.subject.includes(HOSTILE));
  });

  it('is a whole document in the email language, one paragraph per catalogue line', () => {
    const mail = composeAccountEmail('reset', 'es', 'x@example.org', { name: 'Ana' }, 'http://localhost:3000/reset-password?token=t');
    const html = mail.html!;
    assert.match(html, /^<!doctype html><html lang="es"><head><meta charset="utf-8"\/?><title>[^<]+<\/title><\/head><body>/);
    assert.match(html, /<p>Hola, Ana:<\/p>/);
    assert.match(html, /<\/body><\/html>$/);
    // greeting, one body line, the link, one note, the sign-off
    assert.equal(html.match(/<p>/g)?.length, 5);
    const noLink = composeAccountEmail('passwordChanged', 'en', 'x@example.org', { name: 'Ana', resetUrl: 'http://localhost:3000/forgot-password' });
    assert.doesNotMatch(noLink.html!, /<a /, 'no button without a link');
  });
});

for (const dialect of testDialects()) {
  describe(`account email HTML as delivered (${dialect})`, () => {
    let t: TestApp;
    before(async () => {
      t = await createTestApp(dialect);
    });
    after(() => t.close());

    it('a name with markup reaches the mailbox escaped in HTML and intact in text', async () => {
      const email = uniqueEmail('hostile');
      await register(t.client(), { email, name: HOSTILE });
      await settleAccountWork();
      const saved = await t.db.selectFrom('people').select('name').where('email', '=', email).executeTakeFirstOrThrow();
      assert.equal(saved.name, HOSTILE);
      const mail = await mailTo(t, email, /Confirm your email/);
      assert.ok(mail.text?.includes(`Hello ${HOSTILE},`));
      const html = String(mail.html);
      assert.doesNotMatch(html, /<img/);
      assert.match(html, /Hello Zoë &lt;img/);
      assert.match(html, /<a href="http:\/\/localhost:3000\/verify-email\?token=[^"]+">Confirm my email address<\/a>/);
    });
  });
}
