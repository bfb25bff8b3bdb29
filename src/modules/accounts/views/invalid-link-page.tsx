import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { NarrowColumn } from './narrow-column.tsx';

export type LinkKind = 'verifyEmail' | 'resetPassword' | 'emailLinkConfirm' | 'invitation';

/** Where to ask for a fresh link of each kind. */
const FRESH_LINK: Record<LinkKind, string> = {
  verifyEmail: '/verify-email/resend',
  resetPassword: '/forgot-password',
  emailLinkConfirm: '/login/email-link',
  invitation: '/login/email-link',
};

/** An emailed link that is unknown, expired or already used: say so plainly and offer a new one. */
export function InvalidLinkPage({ ctx, kind }: { ctx: ViewContext; kind: LinkKind }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('accounts:invalidLink.title')}>
      <NarrowColumn>
        <h1>{t('accounts:invalidLink.title')}</h1>
        <p class="usa-intro">{t('accounts:invalidLink.intro')}</p>
        <p>{t(`accounts:invalidLink.${kind}`)}</p>
        <p>
          <a class="usa-button" href={FRESH_LINK[kind]}>
            {t(`accounts:invalidLink.${kind}Action`)}
          </a>
        </p>
      </NarrowColumn>
    </Layout>
  );
}
