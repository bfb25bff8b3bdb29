import type { ExchangeAttachment } from '../../../db/schema.ts';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { CsrfField, Form, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Pagination } from '../../../platform/ui/components/pagination.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { megabytes } from '../../../platform/storage/upload-check.ts';
import type { ThreadListItem, ThreadView } from '../exchange.service.ts';
import { FileField } from './parts.tsx';
import { Paragraphs } from '../../../platform/ui/components/paragraphs.tsx';

/** /exchange — the directors' exchange: threads, most recent activity first. */
export function ExchangeIndexPage(props: { ctx: ViewContext; result: { items: ThreadListItem[]; total: number; page: number; perPage: number }; canPost: boolean; muted: boolean | null }) {
  const { ctx, result } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('centers:exchange.title')}>
      <h1>{t('centers:exchange.title')}</h1>
      <p class="usa-intro">{t('centers:exchange.lead')}</p>
      <div class="margin-bottom-3">
        {props.canPost && <a class="usa-button" href="/exchange/new">{t('centers:exchange.newThread')}</a>}
        {props.muted !== null && (
          <form method="post" action="/exchange/notifications" class="display-inline-block">
            <CsrfField ctx={ctx} />
            <input type="hidden" name="muted" value={props.muted ? 'off' : 'on'} />
            <button type="submit" class="usa-button usa-button--outline">{t(props.muted ? 'centers:exchange.unmute' : 'centers:exchange.mute')}</button>
          </form>
        )}
      </div>
      {props.muted && <p>{t('centers:exchange.mutedNote')}</p>}
      {result.items.length === 0 ? (
        <p>{t('centers:exchange.none')}</p>
      ) : (
        <ul class="usa-list usa-list--unstyled">
          {result.items.map((th) => (
            <li class="margin-bottom-2 padding-bottom-2 border-bottom border-base-lighter">
              <a class="usa-link text-bold" href={`/exchange/${th.id}`}>{th.title}</a>
              <br />
              <span class="text-base-dark">
                {t('centers:exchange.byline', { name: th.authorName, count: th.reply_count })} · <DateTime ctx={ctx} iso={th.last_activity_at} empty="" />
              </span>
            </li>
          ))}
        </ul>
      )}
      <Pagination ctx={ctx} page={result.page} perPage={result.perPage} total={result.total} hrefFor={(p) => `/exchange?page=${p}`} />
    </Layout>
  );
}

function Attachments({ ctx, files }: { ctx: ViewContext; files: ExchangeAttachment[] | undefined }) {
  if (!files?.length) return null;
  return (
    <ul class="usa-list">
      {files.map((f) => (
        <li>
          <a class="usa-link" href={`/exchange/files/${f.id}`}>{f.filename}</a> ({megabytes(f.size_bytes)})
        </li>
      ))}
    </ul>
  );
}

/** /exchange/new — start a thread. */
export function NewThreadPage(props: { ctx: ViewContext; state: FormState; maxBytes: number; uploadError?: string }) {
  const { ctx, state } = props;
  const { t } = ctx;
  const labels = { title: t('centers:fields.title'), body: t('centers:fields.message'), attachment: t('centers:exchange.attachment') };
  return (
    <Layout ctx={ctx} title={t('centers:exchange.newThread')}>
      <h1>{t('centers:exchange.newThread')}</h1>
      <Form ctx={ctx} action="/exchange/new" state={state} enctype="multipart/form-data">
        <TextField ctx={ctx} state={state} name="title" label={labels.title} required maxLength={200} />
        <TextArea ctx={ctx} state={state} name="body" label={labels.body} required rows={10} />
        <FileField ctx={ctx} name="attachment" label={labels.attachment} hint={t('centers:exchange.attachmentHint', { max: megabytes(props.maxBytes) })} error={props.uploadError} />
        <SubmitButton>{t('centers:exchange.post')}</SubmitButton>
      </Form>
    </Layout>
  );
}

/** /exchange/:id — a thread with its replies and the reply form. */
export function ThreadPage(props: { ctx: ViewContext; view: ThreadView; canPost: boolean; state: FormState; maxBytes: number; uploadError?: string }) {
  const { ctx, view, state } = props;
  const { t } = ctx;
  const th = view.thread;
  const labels = { body: t('centers:exchange.yourReply'), attachment: t('centers:exchange.attachment') };
  return (
    <Layout ctx={ctx} title={th.title}>
      <p>
        <a class="usa-link" href="/exchange">{t('centers:exchange.back')}</a>
      </p>
      <h1>{th.title}</h1>
      <article class="margin-bottom-4">
        <p class="text-base-dark">
          {th.authorName} · <DateTime ctx={ctx} iso={th.created_at} empty="" />
        </p>
        <Paragraphs text={th.body} />
        <Attachments ctx={ctx} files={view.attachments.get('thread')} />
      </article>
      <h2>{t('centers:exchange.replies', { count: view.replies.length })}</h2>
      {view.replies.map((r) => (
        <article id={`reply-${r.id}`} class="margin-bottom-3 padding-left-2 border-left-05 border-base-lighter">
          <h3 class="font-sans-sm margin-bottom-05">{r.authorName}</h3>
          <p class="text-base-dark margin-top-0"><DateTime ctx={ctx} iso={r.created_at} empty="" /></p>
          <Paragraphs text={r.body} />
          <Attachments ctx={ctx} files={view.attachments.get(r.id)} />
        </article>
      ))}
      {props.canPost && (
        <section class="margin-top-4" aria-labelledby="reply-heading">
          <h2 id="reply-heading">{t('centers:exchange.reply')}</h2>
          <Form ctx={ctx} action={`/exchange/${th.id}/replies`} state={state} enctype="multipart/form-data">
            <TextArea ctx={ctx} state={state} name="body" label={labels.body} required rows={6} />
            <FileField ctx={ctx} name="attachment" label={labels.attachment} hint={t('centers:exchange.attachmentHint', { max: megabytes(props.maxBytes) })} error={props.uploadError} />
            <SubmitButton>{t('centers:exchange.postReply')}</SubmitButton>
          </Form>
        </section>
      )}
    </Layout>
  );
}
