import type { Framework, Organisation } from '../../../db/schema.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Form, SelectField, SubmitButton, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { CycleSummary } from '../assessment.service.ts';
import { StatusTag } from './parts.tsx';

function CycleTable({ ctx, cycles, caption, showSchool }: { ctx: ViewContext; cycles: CycleSummary[]; caption: string; showSchool: boolean }) {
  const { t } = ctx;
  return (
    <table class="usa-table usa-table--borderless width-full">
      <caption class="usa-sr-only">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('assessment:fields.schoolYear')}</th>
          {showSchool && <th scope="col">{t('assessment:fields.school')}</th>}
          <th scope="col">{t('assessment:fields.framework')}</th>
          <th scope="col">{t('assessment:fields.status')}</th>
          <th scope="col">{t('assessment:fields.updated')}</th>
        </tr>
      </thead>
      <tbody>
        {cycles.map((c) => (
          <tr>
            <th scope="row">
              <a class="usa-link" href={`/assessment/${c.id}`}>{t('assessment:list.cycleLink', { year: c.school_year, school: c.schoolName })}</a>
            </th>
            {showSchool && <td>{c.schoolName}</td>}
            <td>{c.frameworkName}</td>
            <td><StatusTag ctx={ctx} status={c.status} /></td>
            <td><DateTime ctx={ctx} iso={c.updated_at} empty="" /></td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** /assessment — the signed-in person's schools' cycles, and (for center staff) the cycles to review. */
export function CycleListPage(props: { ctx: ViewContext; schools: Organisation[]; own: CycleSummary[]; toReview: CycleSummary[]; canOpen: boolean; canSeeRollups: boolean }) {
  const { ctx } = props;
  const { t } = ctx;
  const title = t('assessment:list.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="usa-intro">{t('assessment:list.lead')}</p>
      {props.canOpen && (
        <p>
          <a class="usa-button" href="/assessment/new">{t('assessment:list.open')}</a>
        </p>
      )}
      {props.schools.length > 0 && (
        <section aria-labelledby="own-cycles">
          <h2 id="own-cycles">{t('assessment:list.ownHeading')}</h2>
          {props.own.length === 0 ? <p>{t('assessment:list.noneOwn')}</p> : <CycleTable ctx={ctx} cycles={props.own} caption={t('assessment:list.ownHeading')} showSchool={props.schools.length > 1} />}
        </section>
      )}
      {props.toReview.length > 0 && (
        <section aria-labelledby="review-cycles">
          <h2 id="review-cycles">{t('assessment:list.reviewHeading')}</h2>
          <CycleTable ctx={ctx} cycles={props.toReview} caption={t('assessment:list.reviewHeading')} showSchool />
        </section>
      )}
      {props.schools.length === 0 && props.toReview.length === 0 && <p>{t('assessment:list.nothing')}</p>}
      <section aria-labelledby="more-heading">
        <h2 id="more-heading">{t('assessment:list.moreHeading')}</h2>
        <ul class="usa-list">
          {props.schools.map((s) => (
            <li>
              <a class="usa-link" href={`/assessment/schools/${s.slug}/history`}>{t('assessment:list.historyLink', { school: s.name })}</a>
            </li>
          ))}
          <li>
            <a class="usa-link" href="/assessment/shared">{t('assessment:list.sharedLink')}</a>
          </li>
          {props.canSeeRollups && (
            <li>
              <a class="usa-link" href="/improvement">{t('assessment:list.rollupLink')}</a>
            </li>
          )}
        </ul>
      </section>
    </Layout>
  );
}

/** /assessment/new — choose the school (if several), the year and the framework. */
export function NewCyclePage(props: { ctx: ViewContext; schools: Organisation[]; frameworks: Framework[]; state: FormState }) {
  const { ctx, state } = props;
  const { t } = ctx;
  const title = t('assessment:new.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="usa-intro">{t('assessment:new.lead')}</p>
      {props.frameworks.length === 0 ? (
        <p>{t('assessment:new.noFramework')}</p>
      ) : (
        <Form ctx={ctx} action="/assessment/new" state={state}>
          {props.schools.length > 1 && <SelectField ctx={ctx} state={state} name="school_id" label={t('assessment:fields.school')} required options={props.schools.map((s) => ({ value: String(s.id), label: s.name }))} />}
          <TextField ctx={ctx} state={state} name="school_year" label={t('assessment:fields.schoolYear')} hint={t('assessment:new.yearHint')} required maxLength={7} />
          {props.frameworks.length > 1 && (
            <SelectField ctx={ctx} state={state} name="framework_id" label={t('assessment:fields.framework')} hint={t('assessment:new.frameworkHint')} options={props.frameworks.map((f) => ({ value: String(f.id), label: f.name }))} />
          )}
          <SubmitButton>{t('assessment:new.submit')}</SubmitButton>
        </Form>
      )}
    </Layout>
  );
}
