import type { Framework } from '../../../db/schema.ts';
import { bool } from '../../../db/dialect.ts';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { PublicFrameworkView } from '../framework-public.service.ts';
import { Breadcrumb, DateOnly, hrefs, VersionLine } from './framework-parts.tsx';

/** /framework — every framework with a published version, the network's own first. */
export function FrameworkIndexPage({ ctx, frameworks }: { ctx: ViewContext; frameworks: Framework[] }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('framework:index.title')}>
      <h1>{t('framework:index.heading')}</h1>
      <p class="usa-intro">{t('framework:index.lead')}</p>
      {frameworks.length === 0 ? (
        <p>{t('framework:index.none')}</p>
      ) : (
        <ul class="usa-card-group">
          {frameworks.map((f) => (
            <li class="usa-card tablet:grid-col-6">
              <div class="usa-card__container">
                <div class="usa-card__header">
                  <h2 class="usa-card__heading">{f.name}</h2>
                  {bool(f.is_primary) && <p class="margin-top-05 text-base-dark">{t('framework:index.primary')}</p>}
                </div>
                <div class="usa-card__body">
                  <p>{f.description}</p>
                </div>
                <div class="usa-card__footer">
                  <a class="usa-link" href={`/framework/${f.slug}`}>
                    {t('framework:index.explore', { name: f.name })}
                  </a>
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="usa-link" href="/principles">
          {t('framework:index.principlesLink')}
        </a>
      </p>
    </Layout>
  );
}

/** /framework/:slug — principles, benchmarks by group, the rubric scale and the version history. */
export function FrameworkPage({ ctx, view }: { ctx: ViewContext; view: PublicFrameworkView }) {
  const { t } = ctx;
  const { framework, principles, groups, levels } = view.tree;
  const link = hrefs(view);
  const principleName = new Map(principles.map((p) => [p.key, p.name]));
  return (
    <Layout ctx={ctx} title={framework.name}>
      <Breadcrumb ctx={ctx} trail={[['/framework', t('framework:index.title')]]} />
      <h1 class="margin-bottom-1">{framework.name}</h1>
      <VersionLine ctx={ctx} view={view} />
      <p class="usa-intro">{framework.description}</p>

      <section class="margin-top-4" aria-labelledby="principles">
        <h2 id="principles">{t('framework:framework.principles')}</h2>
        <ol class="usa-list">
          {principles.map((p) => (
            <li>
              <a class="usa-link text-bold" href={link.principle(p.key)}>
                {p.name}
              </a>
              {p.description && <p class="margin-top-05">{p.description}</p>}
            </li>
          ))}
        </ol>
      </section>

      <section class="margin-top-4" aria-labelledby="benchmarks">
        <h2 id="benchmarks">{t('framework:framework.benchmarks')}</h2>
        {groups.map((g) => (
          <>
            <h3>{g.name}</h3>
            {g.description && <p>{g.description}</p>}
            <ul class="usa-list usa-list--unstyled">
              {g.benchmarks.map((b) => (
                <li class="margin-bottom-2 border-left-05 border-primary padding-left-2">
                  <a class="usa-link text-bold" href={link.benchmark(b.key)}>
                    {b.name}
                  </a>
                  {b.description && <p class="margin-y-05">{b.description}</p>}
                  {b.principleKeys.length > 0 && (
                    <p class="margin-y-05 text-base-dark">
                      {t('framework:framework.serves')}{' '}
                      {b.principleKeys.map((k, i) => (
                        <>
                          {i > 0 && ', '}
                          <a class="usa-link" href={link.principle(k)}>
                            {principleName.get(k) ?? k}
                          </a>
                        </>
                      ))}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          </>
        ))}
      </section>

      <section class="margin-top-4" aria-labelledby="rubric">
        <h2 id="rubric">{t('framework:framework.rubric')}</h2>
        <p>{t('framework:framework.rubricLead')}</p>
        <ol class="usa-list">
          {levels.map((l) => (
            <li>
              <strong>{l.name}</strong>
              {l.description && ` — ${l.description}`}
            </li>
          ))}
        </ol>
      </section>

      <section class="margin-top-4" aria-labelledby="history">
        <h2 id="history">{t('framework:history.heading')}</h2>
        <table class="usa-table usa-table--borderless">
          <caption class="usa-sr-only">{t('framework:history.caption', { name: framework.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('framework:history.version')}</th>
              <th scope="col">{t('framework:history.published')}</th>
              <th scope="col">{t('framework:history.notes')}</th>
            </tr>
          </thead>
          <tbody>
            {view.history.map((v) => (
              <tr>
                <th scope="row">
                  {v.id === view.tree.version.id ? (
                    t('framework:history.shown', { number: v.number })
                  ) : (
                    <a class="usa-link" href={`/framework/${framework.slug}?version=${v.number}`}>
                      {t('framework:version.number', { number: v.number })}
                    </a>
                  )}
                  {v.status === 'retired' && ` (${t('framework:history.retired')})`}
                </th>
                <td>
                  <DateOnly ctx={ctx} iso={v.published_at} />
                </td>
                <td>{v.notes || t('framework:history.noNotes')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}
