import { Form, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import { PLAN_FORM_ROWS } from '../affiliation.schemas.ts';
import type { PlanView } from '../plans.service.ts';
import { formatMoney } from './affiliation-parts.tsx';

/** /admin/plans — every plan, with dues and benefits at a glance. */
export function PlansPage({ ctx, plans }: { ctx: ViewContext; plans: PlanView[] }) {
  const { t } = ctx;
  const title = t('affiliation-admin:plans.title');
  return (
    <AdminLayout ctx={ctx} title={title}>
      <div class="display-flex flex-justify flex-align-center flex-wrap">
        <h1>{title}</h1>
        <a class="usa-button" href="/admin/plans/new">{t('affiliation-admin:plans.new')}</a>
      </div>
      {plans.length === 0 ? (
        <p>{t('affiliation-admin:plans.none')}</p>
      ) : (
        <table class="usa-table usa-table--borderless usa-table--stacked width-full">
          <caption class="usa-sr-only">{title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('affiliation-admin:plans.name')}</th>
              <th scope="col">{t('affiliation-admin:plans.holder')}</th>
              <th scope="col">{t('affiliation-admin:plans.term')}</th>
              <th scope="col">{t('affiliation-admin:plans.dues')}</th>
              <th scope="col">{t('affiliation-admin:plans.benefits')}</th>
              <th scope="col">{t('affiliation-admin:plans.active')}</th>
            </tr>
          </thead>
          <tbody>
            {plans.map((p) => (
              <tr>
                <th scope="row"><a class="usa-link" href={`/admin/plans/${p.id}/edit`}>{p.name}</a></th>
                <td>{t(`affiliation:holders.${p.holder}`)}</td>
                <td>{p.term_kind === 'fixed' ? t('affiliation-admin:plans.fixedTerm', { months: p.term_months, month: p.fixed_start_month, day: p.fixed_start_day }) : t('affiliation-admin:plans.rollingTerm', { months: p.term_months })}</td>
                <td>{p.dues.map((d) => (d.min_enrolment === null && d.max_enrolment === null ? formatMoney(ctx, d.amount_cents) : `${d.min_enrolment ?? 0}–${d.max_enrolment ?? '∞'}: ${formatMoney(ctx, d.amount_cents)}`)).join('; ')}</td>
                <td>{p.benefits.map((b) => `${b.benefit}: ${b.value}`).join('; ')}</td>
                <td>{p.active ? t('affiliation-admin:plans.yes') : t('affiliation-admin:plans.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </AdminLayout>
  );
}

/** The plan's stored values as form values (dollars as text, rows as dotted fields). */
export function planFormValues(p: PlanView): Record<string, unknown> {
  return {
    name: p.name,
    slug: p.slug,
    description: p.description ?? '',
    holder: p.holder,
    term_kind: p.term_kind,
    fixed_start_month: p.fixed_start_month ?? '',
    fixed_start_day: p.fixed_start_day ?? '',
    term_months: String(p.term_months),
    grace_days: String(p.grace_days),
    dues: p.dues.map((d) => ({ min_enrolment: d.min_enrolment ?? '', max_enrolment: d.max_enrolment ?? '', amount: (d.amount_cents / 100).toFixed(2) })),
    benefits: p.benefits.map((b) => ({ key: b.benefit, value: b.value, label: b.label })),
  };
}

/** Reads a row value for re-display: arrays of rows (folded) live under `dues`/`benefits`. */
function rowState(state: FormState, list: 'dues' | 'benefits'): FormState {
  const rows = (state.values[list] as Record<string, unknown>[] | undefined) ?? [];
  const values: Record<string, unknown> = {};
  rows.forEach((r, i) => {
    for (const [k, v] of Object.entries(r ?? {})) values[`${list}.${i}.${k}`] = v;
  });
  return { values, errors: state.errors };
}

/** /admin/plans/new and /admin/plans/:id/edit */
export function PlanFormPage({ ctx, state, plan }: { ctx: ViewContext; state: FormState; plan?: PlanView }) {
  const { t } = ctx;
  const title = plan ? t('affiliation-admin:plans.editTitle', { name: plan.name }) : t('affiliation-admin:plans.newTitle');
  const f = { ctx, state };
  const dues = { ctx, state: rowState(state, 'dues') };
  const benefits = { ctx, state: rowState(state, 'benefits') };
  const rows = [...Array(PLAN_FORM_ROWS).keys()];
  return (
    <AdminLayout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Form ctx={ctx} action={plan ? `/admin/plans/${plan.id}/edit` : '/admin/plans/new'} state={state} class="usa-form maxw-none">
        <TextField {...f} name="name" label={t('affiliation-admin:plans.name')} required maxLength={120} />
        <TextField {...f} name="slug" label={t('affiliation-admin:plans.slug')} hint={t('affiliation-admin:plans.slugHint')} maxLength={80} />
        <TextArea {...f} name="description" label={t('affiliation-admin:plans.description')} rows={3} />
        <SelectField {...f} name="holder" label={t('affiliation-admin:plans.holder')} required options={['school', 'organisation', 'individual'].map((h) => ({ value: h, label: t(`affiliation:holders.${h}`) }))} />
        <SelectField {...f} name="term_kind" label={t('affiliation-admin:plans.termKind')} required options={[{ value: 'fixed', label: t('affiliation-admin:plans.fixed') }, { value: 'rolling', label: t('affiliation-admin:plans.rolling') }]} />
        <div class="grid-row grid-gap">
          <div class="tablet:grid-col-3"><TextField {...f} name="fixed_start_month" label={t('affiliation-admin:plans.startMonth')} inputMode="numeric" /></div>
          <div class="tablet:grid-col-3"><TextField {...f} name="fixed_start_day" label={t('affiliation-admin:plans.startDay')} inputMode="numeric" /></div>
          <div class="tablet:grid-col-3"><TextField {...f} name="term_months" label={t('affiliation-admin:plans.termMonths')} inputMode="numeric" required /></div>
          <div class="tablet:grid-col-3"><TextField {...f} name="grace_days" label={t('affiliation-admin:plans.graceDays')} inputMode="numeric" required /></div>
        </div>
        <fieldset class="usa-fieldset margin-top-3">
          <legend class="usa-legend">{t('affiliation-admin:plans.duesLegend')}</legend>
          {state.errors.dues && <span class="usa-error-message" role="alert">{state.errors.dues.map((m) => t(m)).join(' ')}</span>}
          {rows.map((i) => (
            <div class="grid-row grid-gap">
              <div class="tablet:grid-col-4"><TextField {...dues} name={`dues.${i}.min_enrolment`} label={t('affiliation-admin:plans.bandMin', { n: i + 1 })} inputMode="numeric" /></div>
              <div class="tablet:grid-col-4"><TextField {...dues} name={`dues.${i}.max_enrolment`} label={t('affiliation-admin:plans.bandMax', { n: i + 1 })} inputMode="numeric" /></div>
              <div class="tablet:grid-col-4"><TextField {...dues} name={`dues.${i}.amount`} label={t('affiliation-admin:plans.bandAmount', { n: i + 1 })} inputMode="decimal" /></div>
            </div>
          ))}
        </fieldset>
        <fieldset class="usa-fieldset margin-top-3">
          <legend class="usa-legend">{t('affiliation-admin:plans.benefitsLegend')}</legend>
          {rows.map((i) => (
            <div class="grid-row grid-gap">
              <div class="tablet:grid-col-4"><TextField {...benefits} name={`benefits.${i}.key`} label={t('affiliation-admin:plans.benefitKey', { n: i + 1 })} maxLength={60} /></div>
              <div class="tablet:grid-col-4"><TextField {...benefits} name={`benefits.${i}.value`} label={t('affiliation-admin:plans.benefitValue', { n: i + 1 })} maxLength={120} /></div>
              <div class="tablet:grid-col-4"><TextField {...benefits} name={`benefits.${i}.label`} label={t('affiliation-admin:plans.benefitLabel', { n: i + 1 })} maxLength={200} /></div>
            </div>
          ))}
        </fieldset>
        <p class="usa-hint">{t('affiliation-admin:plans.invoicesUnchanged')}</p>
        <SubmitButton>{t('affiliation-admin:plans.save')}</SubmitButton>
      </Form>
      {plan && (
        <Form ctx={ctx} action={`/admin/plans/${plan.id}/active`} class="usa-form margin-top-4">
          <input type="hidden" name="active" value={plan.active ? 'false' : 'true'} />
          <SubmitButton variant="secondary">{plan.active ? t('affiliation-admin:plans.deactivate') : t('affiliation-admin:plans.activate')}</SubmitButton>
        </Form>
      )}
    </AdminLayout>
  );
}
