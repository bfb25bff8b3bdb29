import type { CenterService, Organisation, ServiceRequestStatus } from '../../../db/schema.ts';
import { SERVICE_REQUEST_STATUSES } from '../../../db/schema.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Form, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { AdminLayout } from '../../admin/views/admin-layout.tsx';
import type { ServiceRequestView } from '../service-requests.service.ts';
import { StatusTag } from './parts.tsx';
import { Paragraphs } from '../../../platform/ui/components/paragraphs.tsx';

/** /centers/:slug/services/:id/request — a school asks for a service. */
export function RequestFormPage(props: { ctx: ViewContext; center: Organisation; service: CenterService; schools: Organisation[]; state: FormState }) {
  const { ctx, center, service, state } = props;
  const { t } = ctx;
  const title = t('centers:requestForm.title', { title: service.title });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="usa-intro">{t('centers:requestForm.lead', { center: center.name })}</p>
      <Paragraphs text={service.description} />
      <Form ctx={ctx} action={`/centers/${center.slug}/services/${service.id}/request`} state={state}>
        <input type="hidden" name="submission_key" value={String(state.values.submission_key ?? '')} />
        {props.schools.length > 1 && (
          <SelectField ctx={ctx} state={state} name="school_id" label={t('centers:fields.school')} required options={props.schools.map((s) => ({ value: String(s.id), label: s.name }))} />
        )}
        <TextArea ctx={ctx} state={state} name="need" label={t('centers:fields.need')} hint={t('centers:requestForm.needHint')} required rows={6} />
        <TextField ctx={ctx} state={state} name="timing" label={t('centers:fields.timing')} hint={t('centers:requestForm.timingHint')} maxLength={200} />
        <TextField ctx={ctx} state={state} name="contact" label={t('centers:fields.contact')} hint={t('centers:requestForm.contactHint')} required maxLength={300} />
        <SubmitButton>{t('centers:requestForm.send')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** A page refusing a request form, with the reason (another center's school; not at a school). */
export function CannotRequestPage({ ctx, center, reason }: { ctx: ViewContext; center: Organisation; reason: 'otherCenter' | 'notSchool' | 'retired' }) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('centers:requestForm.cannotTitle')}>
      <h1>{t('centers:requestForm.cannotTitle')}</h1>
      <div class="usa-alert usa-alert--warning" role="status">
        <div class="usa-alert__body">
          <p class="usa-alert__text">{t(`centers:requestForm.cannot.${reason}`, { center: center.name })}</p>
        </div>
      </div>
      <p class="margin-top-3">
        <a class="usa-link" href={`/centers/${center.slug}`}>{t('centers:backTo', { name: center.name })}</a>
      </p>
    </Layout>
  );
}

export interface RequestListProps {
  ctx: ViewContext;
  title: string;
  result: { items: ServiceRequestView[]; total: number; page: number; perPage: number };
  status: ServiceRequestStatus | undefined;
  /** The list's own address, for the filter and pagination. */
  path: string;
  /** Network admins' list: inside the admin area, naming each request's center. */
  admin?: boolean;
  lead?: string;
}

/** The center's queue (/centers/:slug/requests), a school's own (…/requests/mine), and the admin's (/admin/service-requests). */
export function RequestListPage(props: RequestListProps) {
  const { ctx, result } = props;
  const { t } = ctx;
  const href = (page: number) => `${props.path}?${new URLSearchParams({ ...(props.status && { status: props.status }), page: String(page) })}`;
  const body = (
    <>
      <h1>{props.title}</h1>
      {props.lead && <p class="usa-intro">{props.lead}</p>}
      <form method="get" action={props.path} class="usa-form margin-bottom-3">
        <label class="usa-label" for="status-filter">{t('centers:requests.filter')}</label>
        <div class="display-flex flex-align-end">
          <select class="usa-select margin-right-1" id="status-filter" name="status">
            <option value="">{t('centers:requests.allStatuses')}</option>
            {SERVICE_REQUEST_STATUSES.map((s) => (
              <option value={s} selected={s === props.status}>{t(`centers:status.${s}`)}</option>
            ))}
          </select>
          <button type="submit" class="usa-button usa-button--outline">{t('centers:requests.apply')}</button>
        </div>
      </form>
      {result.items.length === 0 ? (
        <p>{t('centers:requests.none')}</p>
      ) : (
        <table class="usa-table usa-table--borderless width-full">
          <caption class="usa-sr-only">{props.title}</caption>
          <thead>
            <tr>
              <th scope="col">{t('centers:fields.service')}</th>
              <th scope="col">{t('centers:fields.school')}</th>
              {props.admin && <th scope="col">{t('centers:fields.center')}</th>}
              <th scope="col">{t('centers:fields.status')}</th>
              <th scope="col">{t('centers:fields.received')}</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((r) => (
              <tr>
                <th scope="row">
                  <a class="usa-link" href={`/centers/${r.center.slug}/requests/${r.id}`}>{r.service_title}</a>
                </th>
                <td>{r.school.name}</td>
                {props.admin && <td>{r.center.name}</td>}
                <td><StatusTag ctx={ctx} status={r.status} /></td>
                <td><DateTime ctx={ctx} iso={r.created_at} empty="" /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination ctx={ctx} page={result.page} perPage={result.perPage} total={result.total} hrefFor={href} />
    </>
  );
  return props.admin ? <AdminLayout ctx={ctx} title={props.title}>{body}</AdminLayout> : <Layout ctx={ctx} title={props.title}>{body}</Layout>;
}

/** /centers/:slug/requests/:id — one request; the center's staff also get the answer form. */
export function RequestPage(props: { ctx: ViewContext; request: ServiceRequestView; canAnswer: boolean; state: FormState }) {
  const { ctx, request: r, state } = props;
  const { t } = ctx;
  const title = t('centers:requests.oneTitle', { title: r.service_title, school: r.school.name });
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        <StatusTag ctx={ctx} status={r.status} /> {t('centers:requests.receivedOn')} <DateTime ctx={ctx} iso={r.created_at} empty="" />
      </p>
      <h2>{t('centers:fields.need')}</h2>
      <Paragraphs text={r.need} />
      <dl>
        <dt class="text-bold">{t('centers:fields.timing')}</dt>
        <dd class="margin-left-0 margin-bottom-1">{r.timing ?? t('centers:requests.noTiming')}</dd>
        <dt class="text-bold">{t('centers:fields.contact')}</dt>
        <dd class="margin-left-0 margin-bottom-1">{r.contact}</dd>
        <dt class="text-bold">{t('centers:fields.center')}</dt>
        <dd class="margin-left-0 margin-bottom-1"><a class="usa-link" href={`/centers/${r.center.slug}`}>{r.center.name}</a></dd>
      </dl>
      <h2>{t('centers:requests.response')}</h2>
      {r.response ? (
        <>
          <Paragraphs text={r.response} />
          <p class="text-base-dark"><DateTime ctx={ctx} iso={r.responded_at} empty="" /></p>
        </>
      ) : (
        <p>{t('centers:requests.noResponse')}</p>
      )}
      {props.canAnswer && (
        <section class="margin-top-4" aria-labelledby="answer">
          <h2 id="answer">{t('centers:requests.answerHeading')}</h2>
          <Form ctx={ctx} action={`/centers/${r.center.slug}/requests/${r.id}`} state={state}>
            <input type="hidden" name="seen" value={r.updated_at} />
            <SelectField ctx={ctx} state={state} name="status" label={t('centers:fields.status')} options={SERVICE_REQUEST_STATUSES.map((s) => ({ value: s, label: t(`centers:status.${s}`) }))} />
            <TextArea ctx={ctx} state={state} name="response" label={t('centers:requests.response')} hint={t('centers:requests.responseHint')} rows={6} />
            <SubmitButton>{t('centers:requests.save')}</SubmitButton>
          </Form>
        </section>
      )}
    </Layout>
  );
}
