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

/** Which benchmark form came back with a problem (bad input, a conflict), to show it there. */
export interface FocusedForm {
  key: string;
  form: 'rating' | 'evidence' | 'coach';
  state: FormState;
  /** The answer someone else saved meanwhile (a rating conflict). */
  conflict?: AssessmentRating;
}

export interface CyclePageProps {
  ctx: ViewContext;
  view: CycleView;
  can: { work: boolean; submit: boolean; review: boolean };
  focus?: FocusedForm;
  /** Benchmarks still unrated when a submission was refused. */
  missing?: BenchmarkNode[];
  /** A refusal for the whole page (an edit after submission). */
  pageError?: string;
  /** The upload size limit, for the file field's hint. */
  maxBytes: number;
}

/** /assessment/:id — rate every benchmark, add evidence, submit; center staff review on the same page. */
export function CyclePage(props: CyclePageProps) {
  const { ctx, view, can } = props;
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
      {!draft && <RatingsSideBySide ctx={ctx} view={view} />}
      {tree.groups.map((g) => (
        <section aria-labelledby={`group-${g.key}`}>
          <h2 id={`group-${g.key}`}>{g.name}</h2>
          {g.benchmarks.map((b) => (
            <BenchmarkSection ctx={ctx} view={view} benchmark={b} can={can} maxBytes={props.maxBytes} focus={props.focus?.key === b.key ? props.focus : undefined} />
          ))}
        </section>
      ))}
      {draft && can.submit && (
        <section aria-labelledby="submit-heading" class="margin-top-4 border-top-1px border-base-lighter padding-top-2">
          <h2 id="submit-heading">{t('assessment:submit.heading')}</h2>
          {props.missing && props.missing.length > 0 && (
            <div class="usa-alert usa-alert--error margin-bottom-3" role="alert">
              <div class="usa-alert__body">
                <h3 class="usa-alert__heading">{t('assessment:errors.incomplete', { count: props.missing.length })}</h3>
                <ul class="usa-list">
                  {props.missing.map((b) => (
                    <li><a href={`#benchmark-${b.key}`}>{b.name}</a></li>
                  ))}
                </ul>
              </div>
            </div>
          )}
          <p>{t('assessment:submit.lead', { rated: progress.rated, total: progress.total })}</p>
          <Form ctx={ctx} action={`/assessment/${cycle.id}/submit`} class="usa-form">
            <SubmitButton>{t('assessment:submit.button')}</SubmitButton>
          </Form>
        </section>
      )}
      {cycle.status === 'submitted' && can.review && (
        <section aria-labelledby="review-heading" class="margin-top-4 border-top-1px border-base-lighter padding-top-2">
          <h2 id="review-heading">{t('assessment:review.finishHeading')}</h2>
          <p>{t('assessment:review.finishLead', { rated: benchmarksOf(tree).filter((b) => view.ratings.get(b.key)?.coach_level_key).length, total: progress.total })}</p>
          <Form ctx={ctx} action={`/assessment/${cycle.id}/review`} class="usa-form">
            <SubmitButton>{t('assessment:review.finish')}</SubmitButton>
          </Form>
        </section>
      )}
      <p class="margin-top-4">
        <a class="usa-link" href="/assessment">{t('assessment:cycle.back')}</a>
      </p>
    </Layout>
  );
}
