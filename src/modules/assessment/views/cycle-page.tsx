import type { AssessmentRating } from '../../../db/schema.ts';
import { Alert } from '../../../platform/ui/components/alert.tsx';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Form, SubmitButton, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { benchmarksOf, type BenchmarkNode } from '../../framework/framework-read.service.ts';
import { progressOf, type CycleView } from '../assessment.service.ts';
import { BenchmarkSection } from './benchmark-section.tsx';
import { StatusTag } from './parts.tsx';
import { RatingsSideBySide } from './side-by-side.tsx';
import { WhatHelpsSummary } from './what-helps-summary.tsx';

/** Which benchmark form came back with a problem (bad input, a conflict), to show it there. */
export interface FocusedForm {
  key: string;
  form: 'rating' | 'evidence' | 'coach';
  state: FormState;
  /** The answer someone else saved meanwhile (a school or coach rating conflict, by `form`). */
  conflict?: AssessmentRating;
}

export interface CyclePageProps {
  ctx: ViewContext;
  view: CycleView;
  can: { work: boolean; submit: boolean; review: boolean; share: boolean };
  /** Whether the coach's ratings and comments show (reviewers while they review; everyone once reviewed). */
  showCoach: boolean;
  focus?: FocusedForm;
  /** Benchmarks still unrated when a submission was refused. */
  missing?: BenchmarkNode[];
  /** Benchmarks still without a coach rating when finishing the review was refused. */
  reviewMissing?: BenchmarkNode[];
  /** The sharing form, when it came back with a problem. */
  visibilityState?: FormState;
  /** A refusal for the whole page (an edit after submission). */
  pageError?: string;
  /** The upload size limit, for the file field's hint. */
  maxBytes: number;
}

/** The benchmarks a refused submission or review still lacks, each a link to its form. */
function MissingList({ ctx, missing, heading }: { ctx: ViewContext; missing?: BenchmarkNode[]; heading: string }) {
  if (!missing || missing.length === 0) return null;
  return (
    <div class="usa-alert usa-alert--error margin-bottom-3" role="alert">
      <div class="usa-alert__body">
        <h3 class="usa-alert__heading">{ctx.t(heading, { count: missing.length })}</h3>
        <ul class="usa-list">
          {missing.map((b) => (
            <li><a href={`#benchmark-${b.key}`}>{b.name}</a></li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * The autosave island's strings (src/client/assessment-autosave.js) as data attributes, in the
 * reader's language, and its script: the Content-Security-Policy allows no inline script.
 */
function AutosaveStrings({ ctx }: { ctx: ViewContext }) {
  const k = (key: string, params?: Record<string, string>) => ctx.t(`assessment:autosave.${key}`, params);
  return (
    <>
      <div
        id="assessment-autosave"
        hidden
        data-msg-saving={k('saving')}
        data-msg-saved={k('saved', { time: '{time}' })}
        data-msg-conflict={k('conflict', { answer: '{answer}' })}
        data-msg-failed={k('failed')}
        data-msg-no-level={k('noLevel')}
      />
      <script type="module" src="/assets/client/assessment-autosave.js"></script>
    </>
  );
}

/**
 * Who sees this cycle: private to the school and its center (the default), or a summary shared
 * network-wide (levels per benchmark only). Leaders choose, at any status; everyone else reads.
 */
function Sharing({ ctx, view, canShare, state }: { ctx: ViewContext; view: CycleView; canShare: boolean; state?: FormState }) {
  const { t } = ctx;
  const { cycle } = view;
  const shared = cycle.visibility === 'network_summary';
  const chosen = String(state?.values.visibility ?? cycle.visibility);
  const invalid = !!state?.errors.visibility;
  return (
    <section aria-labelledby="sharing-heading" class="margin-top-4 border-top-1px border-base-lighter padding-top-2">
      <h2 id="sharing-heading">{t('assessment:sharing.heading')}</h2>
      <p>{shared ? t('assessment:sharing.nowShared') : t('assessment:sharing.nowPrivate')}</p>
      {shared && (
        <p>
          <a class="usa-link" href={`/assessment/${cycle.id}/summary`}>{t('assessment:sharing.summaryLink')}</a>
        </p>
      )}
      {canShare && (
        <Form ctx={ctx} action={`/assessment/${cycle.id}/visibility`} class="usa-form maxw-tablet">
          <fieldset class={`usa-fieldset${invalid ? ' usa-form-group usa-form-group--error' : ''}`} aria-describedby="sharing-hint">
            <legend class="usa-legend text-bold">{t('assessment:sharing.legend')}</legend>
            <div class="usa-hint" id="sharing-hint">{t('assessment:sharing.hint')}</div>
            {invalid && <span class="usa-error-message" role="alert">{t('validation:choice')}</span>}
            {(['private', 'network_summary'] as const).map((v) => (
              <div class="usa-radio">
                <input class="usa-radio__input" type="radio" id={`visibility-${v}`} name="visibility" value={v} checked={chosen === v} />
                <label class="usa-radio__label" for={`visibility-${v}`}>
                  {t(`assessment:sharing.options.${v}`)}
                  <span class="usa-checkbox__label-description">{t(`assessment:sharing.descriptions.${v}`)}</span>
                </label>
              </div>
            ))}
          </fieldset>
          <SubmitButton variant="outline">{t('assessment:sharing.save')}</SubmitButton>
        </Form>
      )}
    </section>
  );
}

/** /assessment/:id — rate every benchmark, add evidence, submit; center staff review on the same page. */
export function CyclePage(props: CyclePageProps) {
  const { ctx, view, can, showCoach } = props;
  const { t } = ctx;
  const { cycle, tree } = view;
  const title = t('assessment:cycle.title', { school: view.school.name, year: cycle.school_year });
  const progress = progressOf(view);
  const draft = cycle.status === 'draft';
  return (
    <Layout ctx={ctx} title={title} wide>
      <h1>{title}</h1>
      <p>
        <StatusTag ctx={ctx} status={cycle.status} /> {t('assessment:cycle.against', { framework: tree.framework.name, version: tree.version.number })}
      </p>
      {props.pageError && <Alert type="error">{t(props.pageError)}</Alert>}
      <p id="progress" class="text-bold">{t('assessment:cycle.progress', { rated: progress.rated, total: progress.total })}</p>
      {cycle.submitted_at && (
        <p>
          {t('assessment:cycle.submittedOn')} <DateTime ctx={ctx} iso={cycle.submitted_at} empty="" />
          {cycle.reviewed_at && (
            <>
              {' · '}
              {t('assessment:cycle.reviewedOn')} <DateTime ctx={ctx} iso={cycle.reviewed_at} empty="" />
            </>
          )}
        </p>
      )}
      {draft && can.work && <p>{t('assessment:cycle.draftHelp')}</p>}
      {cycle.status === 'submitted' && can.review && <p>{t('assessment:cycle.reviewHelp')}</p>}
      <nav aria-label={t('assessment:cycle.relatedLabel')}>
        <ul class="usa-list usa-list--unstyled">
          <li>
            <a class="usa-link" href={`/assessment/schools/${view.school.slug}/history`}>{t('assessment:cycle.historyLink')}</a>
          </li>
          <li>
            <a class="usa-link" href={`/assessment/${cycle.id}/report`}>{t('assessment:cycle.reportLink')}</a>
          </li>
          <li>
            <a class="usa-link" href={`/assessment/${cycle.id}/what-helps`}>{t('assessment:cycle.whatHelpsLink')}</a>
          </li>
        </ul>
      </nav>
      <WhatHelpsSummary ctx={ctx} view={view} showCoach={showCoach} />
      {!draft && showCoach && <RatingsSideBySide ctx={ctx} view={view} />}
      {tree.groups.map((g) => (
        <section aria-labelledby={`group-${g.key}`}>
          <h2 id={`group-${g.key}`}>{g.name}</h2>
          {g.benchmarks.map((b) => (
            <BenchmarkSection ctx={ctx} view={view} benchmark={b} can={can} showCoach={showCoach} maxBytes={props.maxBytes} focus={props.focus?.key === b.key ? props.focus : undefined} />
          ))}
        </section>
      ))}
      {draft && can.submit && (
        <section aria-labelledby="submit-heading" class="margin-top-4 border-top-1px border-base-lighter padding-top-2">
          <h2 id="submit-heading">{t('assessment:submit.heading')}</h2>
          <MissingList ctx={ctx} missing={props.missing} heading="assessment:errors.incomplete" />
          <p>{t('assessment:submit.lead', { rated: progress.rated, total: progress.total })}</p>
          <Form ctx={ctx} action={`/assessment/${cycle.id}/submit`} class="usa-form">
            <SubmitButton>{t('assessment:submit.button')}</SubmitButton>
          </Form>
        </section>
      )}
      {cycle.status === 'submitted' && can.review && (
        <section aria-labelledby="review-heading" class="margin-top-4 border-top-1px border-base-lighter padding-top-2">
          <h2 id="review-heading">{t('assessment:review.finishHeading')}</h2>
          <MissingList ctx={ctx} missing={props.reviewMissing} heading="assessment:errors.reviewIncomplete" />
          <p>{t('assessment:review.finishLead', { rated: benchmarksOf(tree).filter((b) => view.ratings.get(b.key)?.coach_level_key).length, total: progress.total })}</p>
          <Form ctx={ctx} action={`/assessment/${cycle.id}/review`} class="usa-form">
            <SubmitButton>{t('assessment:review.finish')}</SubmitButton>
          </Form>
        </section>
      )}
      <Sharing ctx={ctx} view={view} canShare={can.share} state={props.visibilityState} />
      <p class="margin-top-4">
        <a class="usa-link" href="/assessment">{t('assessment:cycle.back')}</a>
      </p>
      {draft && can.work && <AutosaveStrings ctx={ctx} />}
    </Layout>
  );
}
