import type { AssessmentEvidence } from '../../../db/schema.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Paragraphs } from '../../../platform/ui/components/paragraphs.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { BenchmarkNode } from '../../framework/framework-read.service.ts';
import { gapIn, type ReportProgress } from '../assessment-history.service.ts';
import type { CycleView } from '../assessment.service.ts';

/** The gap in words (the highlight is the wording and a marker, not only a colour). */
function Gap({ ctx, gap }: { ctx: ViewContext; gap: number | null }) {
  const { t } = ctx;
  if (gap === null) return <>{t('assessment-history:report.gapUnknown')}</>;
  if (gap === 0) return <>{t('assessment-history:report.gapNone')}</>;
  return (
    <strong>
      <span aria-hidden="true">▲ </span>
      {gap > 0 ? t('assessment-history:report.gapHigher', { count: gap }) : t('assessment-history:report.gapLower', { count: -gap })}
    </strong>
  );
}

/** One piece of evidence as paper can carry it: notes in full, links with their address, files by name. */
function Evidence({ ctx, e, cycleId }: { ctx: ViewContext; e: AssessmentEvidence; cycleId: number }) {
  const { t } = ctx;
  if (e.kind === 'text') return <Paragraphs text={e.text} />;
  if (e.kind === 'link') {
    return (
      <>
        {e.text && <>{e.text}: </>}
        <a class="usa-link report-url" href={e.url ?? '#'}>
          {e.url}
        </a>
      </>
    );
  }
  return (
    <a class="usa-link" href={`/assessment/${cycleId}/files/${e.id}`}>
      {t('assessment-history:report.file', { name: e.filename ?? '' })}
    </a>
  );
}

function Benchmark({ ctx, view, b, showCoach }: { ctx: ViewContext; view: CycleView; b: BenchmarkNode; showCoach: boolean }) {
  const { t } = ctx;
  const r = view.ratings.get(b.key);
  const levelName = (k: string | null | undefined) => (k ? (view.tree.levels.find((l) => l.key === k)?.name ?? k) : t('assessment-history:report.notRated'));
  const evidence = view.evidence.get(b.key) ?? [];
  return (
    <section class="report-benchmark margin-bottom-4" aria-labelledby={`report-${b.key}`}>
      <h3 id={`report-${b.key}`}>{b.name}</h3>
      <dl class="report-facts">
        <dt>{t('assessment-history:report.schoolLevel')}</dt>
        <dd>{levelName(r?.level_key)}</dd>
        {showCoach && (
          <>
            <dt>{t('assessment-history:report.coachLevel')}</dt>
            <dd>{levelName(r?.coach_level_key)}</dd>
            <dt>{t('assessment-history:report.gap')}</dt>
            <dd>
              <Gap ctx={ctx} gap={gapIn(view.tree, r?.level_key, r?.coach_level_key)} />
            </dd>
          </>
        )}
      </dl>
      <h4>{t('assessment-history:report.schoolComment')}</h4>
      {r?.comment ? <Paragraphs text={r.comment} /> : <p>{t('assessment-history:report.noComment')}</p>}
      {showCoach && r?.coach_comment && (
        <>
          <h4>{t('assessment-history:report.coachComment')}</h4>
          <Paragraphs text={r.coach_comment} />
        </>
      )}
      <h4>{t('assessment-history:report.evidence')}</h4>
      {evidence.length === 0 ? (
        <p>{t('assessment-history:report.noEvidence')}</p>
      ) : (
        <ul class="usa-list">
          {evidence.map((e) => (
            <li>
              <Evidence ctx={ctx} e={e} cycleId={view.cycle.id} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Progress({ ctx, progress, showCoach }: { ctx: ViewContext; progress: ReportProgress; showCoach: boolean }) {
  const { t } = ctx;
  return (
    <section aria-labelledby="report-progress">
      <h2 id="report-progress">{t('assessment-history:report.progressHeading')}</h2>
      <p>{t('assessment-history:report.rated', { rated: progress.rated, total: progress.total })}</p>
      <table class="usa-table usa-table--compact">
        <caption>{t('assessment-history:report.byLevelCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('assessment-history:report.level')}</th>
            <th scope="col" class="text-right">{t('assessment-history:report.schoolCount')}</th>
            {showCoach && <th scope="col" class="text-right">{t('assessment-history:report.coachCount')}</th>}
          </tr>
        </thead>
        <tbody>
          {progress.byLevel.map((row) => (
            <tr>
              <th scope="row">{row.level.name}</th>
              <td class="text-right">{row.school}</td>
              {showCoach && <td class="text-right">{row.coach}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {showCoach && progress.coachRated > 0 && <p>{t('assessment-history:report.gaps', { lower: progress.coachLower, same: progress.coachSame, higher: progress.coachHigher })}</p>}
      <p>{t('assessment-history:report.evidenceCount', { count: progress.evidence })}</p>
    </section>
  );
}

/**
 * /assessment/:id/report — the whole cycle as one printable document. `showCoach`: whether the
 * coach's ratings and comments show (reviewers while they review; everyone once reviewed).
 */
export function ReportPage({ ctx, view, progress, showCoach }: { ctx: ViewContext; view: CycleView; progress: ReportProgress; showCoach: boolean }) {
  const { t } = ctx;
  const { cycle, school, tree } = view;
  const title = t('assessment-history:report.title', { year: cycle.school_year, school: school.name });
  const notYet = t('assessment-history:report.notYet');
  return (
    <Layout ctx={ctx} title={title} head={<link rel="stylesheet" href="/assets/assessment-report.css" />}>
      <article class="assessment-report">
        <h1>{title}</h1>
        <p class="no-print">
          <a class="usa-link" href={`/assessment/${cycle.id}`}>
            {t('assessment-history:report.back')}
          </a>{' '}
          · {t('assessment-history:report.printHint')}
        </p>
        <dl class="report-facts">
          <dt>{t('assessment-history:fields.school')}</dt>
          <dd>{school.name}</dd>
          <dt>{t('assessment-history:fields.schoolYear')}</dt>
          <dd>{cycle.school_year}</dd>
          <dt>{t('assessment-history:fields.framework')}</dt>
          <dd>{t('assessment-history:report.against', { framework: tree.framework.name, version: tree.version.number })}</dd>
          <dt>{t('assessment-history:fields.status')}</dt>
          <dd>{t(`assessment-history:status.${cycle.status}`)}</dd>
          <dt>{t('assessment-history:report.opened')}</dt>
          <dd>
            <DateTime ctx={ctx} iso={cycle.created_at} empty={notYet} />
          </dd>
          <dt>{t('assessment-history:report.submitted')}</dt>
          <dd>
            <DateTime ctx={ctx} iso={cycle.submitted_at} empty={notYet} />
          </dd>
          <dt>{t('assessment-history:report.reviewed')}</dt>
          <dd>
            <DateTime ctx={ctx} iso={cycle.reviewed_at} empty={notYet} />
          </dd>
        </dl>
        <Progress ctx={ctx} progress={progress} showCoach={showCoach} />
        {tree.groups.map((g) => (
          <section class="report-group" aria-labelledby={`group-${g.key}`}>
            <h2 id={`group-${g.key}`}>{g.name}</h2>
            {g.benchmarks.map((b) => (
              <Benchmark ctx={ctx} view={view} b={b} showCoach={showCoach} />
            ))}
          </section>
        ))}
      </article>
    </Layout>
  );
}
