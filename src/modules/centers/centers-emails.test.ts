import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exchangePostEmail, requestAnsweredEmail, serviceRequestEmail } from './centers-emails.ts';

const request = { school: 'Life Academy', center: 'Bay Area Center', service: 'Leadership coaching', need: 'Help with advisory. {{name}} centers:email.greeting', timing: 'March', contact: 'ana@example.org', link: 'http://localhost:3000/centers/bay/requests/1' };

describe('center emails', () => {
  it('are written in the recipient’s language, English by default', () => {
    const en = serviceRequestEmail({ email: 'a@example.org', name: 'Ana', locale: null }, request);
    assert.equal(en.subject, 'Service request from Life Academy: Leadership coaching');
    assert.match(en.text, /^Hello Ana,/);
    assert.match(en.text, /Preferred timing: March/);
    const es = serviceRequestEmail({ email: 'b@example.org', name: 'Bea', locale: 'es' }, request);
    assert.equal(es.subject, 'Solicitud de servicio de Life Academy: Leadership coaching');
    assert.match(es.text, /^Hola, Bea:/);
    assert.match(es.text, /Fechas preferidas: March/);
  });

  it('carry what people typed verbatim, never read as a key or a placeholder', () => {
    const mail = serviceRequestEmail({ email: 'a@example.org', name: 'Ana', locale: 'en' }, request);
    assert.ok(mail.text.includes('Help with advisory. {{name}} centers:email.greeting'));
    const answer = requestAnsweredEmail({ email: 'a@example.org', name: 'Ana', locale: 'en' }, { ...request, response: 'centers:email.readAndReply' });
    assert.ok(answer.text.includes('\ncenters:email.readAndReply\n'));
  });

  it('cut long exchange posts and say how to stop them', () => {
    const mail = exchangePostEmail('replyPosted', { email: 'a@example.org', name: 'Ana', locale: 'es' }, { author: 'Dina', title: 'Advisory', body: 'x'.repeat(2000), link: 'http://localhost:3000/exchange/1' });
    assert.equal(mail.subject, 'Re: Advisory (intercambio de directores)');
    assert.ok(mail.text.includes(`${'x'.repeat(1500)}…`) && !mail.text.includes('x'.repeat(1501)));
    assert.match(mail.text, /Silenciar avisos por correo/);
  });
});
