import { Form, SubmitButton } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { NarrowColumn, TokenField } from './narrow-column.tsx';

export type ConfirmKind = 'verifyEmail' | 'emailLinkConfirm';

const ACTIONS: Record<ConfirmKind, string> = { verifyEmail: '/verify-email', emailLinkConfirm: '/login/email-link/confirm' };

/**
 * The page an emailed link opens: one button that posts the token. Mail scanners fetch links to
 * check them; a GET that used the token up would spend it before the person ever clicked.
 */
export function TokenConfirmPage({ ctx, kind, token }: { ctx: ViewContext; kind: ConfirmKind; token: string }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t(`accounts:${kind}.title`)}>
      <NarrowColumn>
        <h1>{t(`accounts:${kind}.title`)}</h1>
        <p class="usa-intro">{t(`accounts:${kind}.intro`)}</p>
        <Form ctx={ctx} action={ACTIONS[kind]}>
          <TokenField token={token} />
          <SubmitButton>{t(`accounts:${kind}.submit`)}</SubmitButton>
        </Form>
      </NarrowColumn>
    </Layout>
  );
}
