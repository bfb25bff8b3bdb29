import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { TaxonomyTerm } from '../../framework/taxonomy.service.ts';
import type { Caseload, EngagementView, SessionView } from '../coaching.service.ts';
import { EngagementTable } from './engagement-pages.tsx';
import { StatusTag } from './parts.tsx';
import { Paragraphs } from '../../../platform/ui/components/paragraphs.tsx';

export interface CaseloadPageProps {
  ctx: ViewContext;
  /** The coach's own caseload, when they coach anywhere. */
  caseload: Caseload | null;
  /** The centers whose engagements they manage (a link to each list). */
  centers: { slug: string; name: string }[];
  /** Their schools' engagements, with shareable sessions only. */
  school: { engagement: EngagementView; sessions: SessionView[] }[] | null;
  terms: readonly TaxonomyTerm[];
  today: string;
}

/** /coaching — a coach's caseload and next steps; a school's engagements and shared notes. */
export function CaseloadPage(props: CaseloadPageProps) {
  const { ctx, caseload, school } = props;
  const { t } = ctx;
  const title = t('coaching:caseload.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      {!caseload && !school && <p>{t('coaching:caseload.nothing')}</p>}
      {props.centers.length > 0 && (
        <ul class="usa-list">
          {props.centers.map((c) => (
            <li><a class="usa-link" href={`/centers/${c.slug}/engagements`}>{t('coaching:caseload.allOf', { name: c.name })}</a></li>
          ))}
        </ul>
      )}
      {caseload && (
        <>
          <h2>{t('coaching:caseload.mine')}</h2>
          {caseload.engagements.length === 0 ? <p>{t('coaching:caseload.noneActive')}</p> : <EngagementTable ctx={ctx} engagements={caseload.engagements} terms={props.terms} caption={t('coaching:caseload.mine')} />}
          <h2>{t('coaching:caseload.steps')}</h2>
          {caseload.steps.length === 0 ? (
            <p>{t('coaching:caseload.noSteps')}</p>
          ) : (
            <table class="usa-table usa-table--borderless width-full">
              <caption class="usa-sr-only">{t('coaching:caseload.steps')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('coaching:fields.due')}</th>
                  <th scope="col">{t('coaching:fields.stepDescription')}</th>
                  <th scope="col">{t('coaching:fields.owner')}</th>
                  <th scope="col">{t('coaching:fields.title')}</th>
                </tr>
              </thead>
              <tbody>
                {caseload.steps.map((s) => (
                  <tr>
                    <td>
                      {s.due_on}
                      {s.due_on < props.today && <> <span class="usa-tag bg-secondary-dark">{t('coaching:caseload.overdue')}</span></>}
                    </td>
                    <th scope="row">{s.description}</th>
                    <td>{s.owner_name}</td>
                    <td><a class="usa-link" href={`/centers/${s.engagement.center.slug}/engagements/${s.engagement.id}`}>{s.engagement.title}</a></td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
      {school && (
        <>
          <h2>{t('coaching:school.title')}</h2>
          {school.length === 0 && <p>{t('coaching:school.none')}</p>}
          {school.map(({ engagement: e, sessions }) => (
            <section class="margin-bottom-4" aria-labelledby={`engagement-${e.id}`}>
              <h3 id={`engagement-${e.id}`}>
                <a class="usa-link" href={`/centers/${e.center.slug}/engagements/${e.id}`}>{e.title}</a>
              </h3>
              <p><StatusTag ctx={ctx} status={e.status} /> {e.school.name} · {e.center.name} · {t('coaching:fields.coaches')}: {e.coaches.map((c) => c.name).join(', ') || '—'}</p>
              <h4>{t('coaching:school.sharedNotes')}</h4>
              {sessions.length === 0 ? (
                <p>{t('coaching:school.noShared')}</p>
              ) : (
                <ul class="usa-list usa-list--unstyled">
                  {sessions.map((s) => (
                    <li class="margin-bottom-2">
                      <p class="text-bold margin-bottom-05">{s.held_on} · {t(`coaching:modality.${s.modality}`)}</p>
                      <Paragraphs text={s.notes} />
                      {s.steps.length > 0 && (
                        <ul class="usa-list">
                          {s.steps.map((step) => (
                            <li>{step.description} — {step.owner_name}, {t('coaching:session.due', { date: step.due_on })}{step.done_at ? ` (${t('coaching:session.done')})` : ''}</li>
                          ))}
                        </ul>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </>
      )}
    </Layout>
  );
}
