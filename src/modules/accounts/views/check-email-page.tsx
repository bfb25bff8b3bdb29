import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { NarrowColumn } from './narrow-column.tsx';

/** Why someone is being told to check their email. Each reason reads the same whether or not an account exists. */
export const CHECK_EMAIL_REASONS = ['register', 'reset', 'signInLink', 'verify', 'unverified'] as const;
export type CheckEmailReason = (typeof CHECK_EMAIL_REASONS)[number];

/** The neutral "check your email" answer after any form that sends a link. */
export function CheckEmailPage({ ctx, reason }: { ctx: ViewContext; reason: CheckEmailReason }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts:checkEmail.title')}>
      <NarrowColumn>
        <h1>{t('accounts:checkEmail.title')}</h1>
        <p class="usa-intro">{t(`accounts:checkEmail.${reason}`)}</p>
        <p>{t('accounts:checkEmail.spam')}</p>
        <ul class="usa-list">
          <li>
            <a class="usa-link" href={reason === 'reset' ? '/forgot-password' : reason === 'signInLink' ? '/login/email-link' : '/verify-email/resend'}>
              {t('accounts:checkEmail.again')}
            </a>
          </li>
          <li>
            <a class="usa-link" href="/login">{t('accounts:checkEmail.toSignIn')}</a>
          </li>
        </ul>
      </NarrowColumn>
    </Layout>
  );
}
