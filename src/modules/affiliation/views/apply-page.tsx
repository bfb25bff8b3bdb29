import { Form, SelectField, SubmitButton, TextArea, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { PlanView } from '../plans.service.ts';
import { formatMoney } from './affiliation-parts.tsx';

export interface ApplyPageProps {
  ctx: ViewContext;
  state: FormState;
  plans: PlanView[];
  organisations: { id: number; name: string; kind: string }[];
  centers: { id: number; name: string }[];
}

/** /affiliation/apply — join the network as a school, an organisation or oneself. */
export function ApplyPage({ ctx, state, plans, organisations, centers }: ApplyPageProps) {
  const { t } = ctx;
  const f = { ctx, state };
  const price = (p: PlanView) => {
    const amounts = p.dues.map((d) => d.amount_cents);
    if (amounts.length === 0) return '';
    const lo = Math.min(...amounts);
    const hi = Math.max(...amounts);
    return lo === hi ? formatMoney(ctx, lo) : `${formatMoney(ctx, lo)}–${formatMoney(ctx, hi)}`;
  };
  return (
    <Layout ctx={ctx} title={t('affiliation:apply.title')}>
      <h1>{t('affiliation:apply.title')}</h1>
      <p class="usa-intro">{t('affiliation:apply.intro')}</p>
      <section aria-labelledby="plans-heading" class="margin-bottom-4">
        <h2 id="plans-heading">{t('affiliation:apply.plansHeading')}</h2>
        <ul class="usa-list">
          {plans.map((p) => (
            <li>
              <strong>{p.name}</strong> ({t(`affiliation:holders.${p.holder}`)}, {price(p)}){p.description ? `: ${p.description}` : ''}
              {p.benefits.length > 0 && <span>{` ${t('affiliation:apply.benefits')} ${p.benefits.map((b) => `${b.label} (${b.value})`).join('; ')}`}</span>}
            </li>
          ))}
        </ul>
      </section>
      <Form ctx={ctx} action="/affiliation/apply" state={state}>
        <SelectField {...f} name="plan_id" label={t('affiliation:apply.plan')} required options={plans.map((p) => ({ value: String(p.id), label: `${p.name} (${t(`affiliation:holders.${p.holder}`)})` }))} blank={t('affiliation:apply.choosePlan')} />
        <SelectField
          {...f}
          name="organisation_id"
          label={t('affiliation:apply.organisation')}
          hint={t('affiliation:apply.organisationHint')}
          options={organisations.map((o) => ({ value: String(o.id), label: o.name }))}
          blank={t('affiliation:apply.myself')}
        />
        <SelectField {...f} name="center_id" label={t('affiliation:apply.center')} hint={t('affiliation:apply.centerHint')} options={centers.map((c) => ({ value: String(c.id), label: c.name }))} blank={t('affiliation:apply.noCenter')} />
        <TextArea {...f} name="statement" label={t('affiliation:apply.statement')} hint={t('affiliation:apply.statementHint')} rows={8} />
        <SubmitButton>{t('affiliation:apply.submit')}</SubmitButton>
      </Form>
    </Layout>
  );
}
