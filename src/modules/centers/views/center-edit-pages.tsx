import type { CenterNews, CenterService, Organisation } from '../../../db/schema.ts';
import { CENTER_SERVICE_KINDS } from '../../../db/schema.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Form, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { ActionButton } from './parts.tsx';

/** /centers/:slug/edit — the director's page: About text, services and news. */
export function CenterEditPage(props: { ctx: ViewContext; center: Organisation; about: FormState; services: CenterService[]; news: CenterNews[] }) {
  const { ctx, center } = props;
  const { t } = ctx;
  const base = `/centers/${center.slug}`;
  const offered = props.services.filter((s) => !s.retired_at);
  const retired = props.services.filter((s) => s.retired_at);
  return (
    <Layout ctx={ctx} title={t('centers:edit.title', { name: center.name })}>
      <h1>{t('centers:edit.title', { name: center.name })}</h1>
      <p>
        <a class="usa-link" href={base}>{t('centers:edit.viewSpace')}</a>
      </p>
      <section aria-labelledby="about-heading">
        <h2 id="about-heading">{t('centers:space.about')}</h2>
        <Form ctx={ctx} action={`${base}/edit`} state={props.about}>
          <TextArea ctx={ctx} state={props.about} name="description" label={t('centers:edit.aboutLabel')} hint={t('centers:edit.aboutHint')} rows={8} />
          <SubmitButton>{t('centers:edit.saveAbout')}</SubmitButton>
        </Form>
      </section>

      <section class="margin-top-5" aria-labelledby="services-heading">
        <h2 id="services-heading">{t('centers:space.services')}</h2>
        <p>
          <a class="usa-button" href={`${base}/services/new`}>{t('centers:edit.addService')}</a>
        </p>
        {offered.length === 0 ? (
          <p>{t('centers:space.noServices')}</p>
        ) : (
          <table class="usa-table usa-table--borderless width-full">
            <caption class="usa-sr-only">{t('centers:edit.servicesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('centers:fields.title')}</th>
                <th scope="col">{t('centers:fields.kind')}</th>
                <th scope="col">{t('centers:edit.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {offered.map((s, i) => (
                <tr>
                  <th scope="row">{s.title}</th>
                  <td>{t(`centers:kinds.${s.kind}`)}</td>
                  <td>
                    <a class="usa-link margin-right-1" href={`${base}/services/${s.id}/edit`}>{t('centers:edit.editNamed', { name: s.title })}</a>
                    {i > 0 && <ActionButton ctx={ctx} action={`${base}/services/${s.id}/move`} fields={{ direction: 'up' }} label={t('centers:edit.moveUp', { name: s.title })} />}
                    {i < offered.length - 1 && <ActionButton ctx={ctx} action={`${base}/services/${s.id}/move`} fields={{ direction: 'down' }} label={t('centers:edit.moveDown', { name: s.title })} />}
                    <ActionButton ctx={ctx} action={`${base}/services/${s.id}/retire`} fields={{ retired: 'on' }} label={t('centers:edit.retire', { name: s.title })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {retired.length > 0 && (
          <>
            <h3>{t('centers:edit.retiredServices')}</h3>
            <ul class="usa-list">
              {retired.map((s) => (
                <li>
                  {s.title} <ActionButton ctx={ctx} action={`${base}/services/${s.id}/retire`} fields={{ retired: 'off' }} label={t('centers:edit.restore', { name: s.title })} />
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section class="margin-top-5" aria-labelledby="news-heading">
        <h2 id="news-heading">{t('centers:space.news')}</h2>
        <p>
          <a class="usa-button" href={`${base}/news/new`}>{t('centers:edit.addNews')}</a>
        </p>
        {props.news.length === 0 ? (
          <p>{t('centers:space.noNews')}</p>
        ) : (
          <table class="usa-table usa-table--borderless width-full">
            <caption class="usa-sr-only">{t('centers:edit.newsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('centers:fields.title')}</th>
                <th scope="col">{t('centers:fields.status')}</th>
                <th scope="col">{t('centers:edit.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {props.news.map((n) => (
                <tr>
                  <th scope="row">{n.title}</th>
                  <td>{n.status === 'published' ? <DateTime ctx={ctx} iso={n.published_at} empty="" /> : t('centers:news.draft')}</td>
                  <td>
                    <a class="usa-link margin-right-1" href={`${base}/news/${n.slug}/edit`}>{t('centers:edit.editNamed', { name: n.title })}</a>
                    <ActionButton ctx={ctx} action={`${base}/news/${n.slug}/delete`} label={t('centers:edit.deleteNamed', { name: n.title })} variant="text-secondary-dark" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </Layout>
  );
}

/** /centers/:slug/services/new and …/services/:id/edit */
export function ServiceFormPage(props: { ctx: ViewContext; center: Organisation; state: FormState; service?: CenterService }) {
  const { ctx, center, state } = props;
  const { t } = ctx;
  const base = `/centers/${center.slug}`;
  const title = props.service ? t('centers:serviceForm.editTitle', { title: props.service.title }) : t('centers:serviceForm.newTitle');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Form ctx={ctx} action={props.service ? `${base}/services/${props.service.id}/edit` : `${base}/services/new`} state={state}>
        <SelectField ctx={ctx} state={state} name="kind" label={t('centers:fields.kind')} required options={CENTER_SERVICE_KINDS.map((k) => ({ value: k, label: t(`centers:kinds.${k}`) }))} />
        <TextField ctx={ctx} state={state} name="title" label={t('centers:fields.title')} required maxLength={160} />
        <TextArea ctx={ctx} state={state} name="description" label={t('centers:fields.description')} required rows={6} />
        <TextArea ctx={ctx} state={state} name="how_to_request" label={t('centers:fields.how_to_request')} hint={t('centers:serviceForm.howHint')} required rows={3} />
        <SubmitButton>{t('centers:serviceForm.save')}</SubmitButton>
        <a class="usa-button usa-button--unstyled margin-left-2" href={`${base}/edit`}>{t('centers:cancel')}</a>
      </Form>
    </Layout>
  );
}

/** /centers/:slug/news/new and …/news/:newsSlug/edit */
export function NewsFormPage(props: { ctx: ViewContext; center: Organisation; state: FormState; item?: CenterNews }) {
  const { ctx, center, state } = props;
  const { t } = ctx;
  const base = `/centers/${center.slug}`;
  const title = props.item ? t('centers:newsForm.editTitle', { title: props.item.title }) : t('centers:newsForm.newTitle');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <Form ctx={ctx} action={props.item ? `${base}/news/${props.item.slug}/edit` : `${base}/news/new`} state={state}>
        <TextField ctx={ctx} state={state} name="title" label={t('centers:fields.title')} required maxLength={200} />
        <TextArea ctx={ctx} state={state} name="body" label={t('centers:fields.body')} required rows={12} />
        <SelectField
          ctx={ctx}
          state={state}
          name="status"
          label={t('centers:fields.status')}
          options={[
            { value: 'draft', label: t('centers:news.draft') },
            { value: 'published', label: t('centers:news.published') },
          ]}
        />
        <SubmitButton>{t('centers:newsForm.save')}</SubmitButton>
        <a class="usa-button usa-button--unstyled margin-left-2" href={`${base}/edit`}>{t('centers:cancel')}</a>
      </Form>
    </Layout>
  );
}
