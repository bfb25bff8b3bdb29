import type { CoalitionEvent, SessionProposal } from '../../../db/schema.ts';
import { PROPOSAL_FORMATS } from '../../../db/schema.ts';
import { CsrfField, Form, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { DateTime } from '../../../platform/ui/components/date-time.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { ProposalWindow } from '../proposals.service.ts';
import type { TagVocabulary } from '../event-tags.ts';
import { selectedTags, TagCheckboxes } from './session-parts.tsx';

/** A proposal's status as a tag. */
export function ProposalStatus({ ctx, status }: { ctx: ViewContext; status: SessionProposal['status'] }) {
  const colour = status === 'accepted' ? 'bg-green' : status === 'declined' ? 'bg-secondary-dark' : status === 'withdrawn' ? 'bg-base-dark' : 'bg-primary';
  return <span class={`usa-tag ${colour}`}>{ctx.t(`agenda:proposals.status.${status}`)}</span>;
}

/** The fields of a proposal (new or edited). */
function ProposalFields({ ctx, state, vocab }: { ctx: ViewContext; state: FormState; vocab: TagVocabulary }) {
  const { t } = ctx;
  return (
    <>
      <input type="hidden" name="submission_key" value={String(state.values.submission_key ?? '')} />
      <TextField ctx={ctx} state={state} name="title" label={t('agenda:proposals.fields.title')} required maxLength={200} />
      <TextArea ctx={ctx} state={state} name="abstract" label={t('agenda:proposals.fields.abstract')} hint={t('agenda:proposals.fields.abstractHint')} required rows={8} />
      <SelectField ctx={ctx} state={state} name="format" label={t('agenda:proposals.fields.format')} required blank={t('agenda:proposals.fields.chooseFormat')} options={PROPOSAL_FORMATS.map((f) => ({ value: f, label: t(`agenda:proposals.format.${f}`) }))} />
      <TextField ctx={ctx} state={state} name="duration_minutes" type="number" inputMode="numeric" label={t('agenda:proposals.fields.duration')} hint={t('agenda:proposals.fields.durationHint')} required />
      <TextArea ctx={ctx} state={state} name="presenters" label={t('agenda:proposals.fields.presenters')} hint={t('agenda:proposals.fields.presentersHint')} rows={3} />
      <TagCheckboxes ctx={ctx} vocab={vocab} name="tags" selected={selectedTags(state.values.tags)} legendKey="agenda:tagGroups" />
    </>
  );
}

function Guidelines({ ctx, event }: { ctx: ViewContext; event: CoalitionEvent }) {
  if (!event.proposal_guidelines) return null;
  return (
    <section class="usa-summary-box margin-bottom-3" aria-labelledby="guidelines">
      <div class="usa-summary-box__body">
        <h2 class="usa-summary-box__heading" id="guidelines">{ctx.t('agenda:proposals.guidelines')}</h2>
        <div class="usa-summary-box__text">{event.proposal_guidelines.split(/\n\s*\n/).map((para) => <p>{para}</p>)}</div>
      </div>
    </section>
  );
}

/** /events/:slug/proposals — the call: guidelines, the form while it is open, and my proposals. */
export function ProposalsPage(props: { ctx: ViewContext; vocab: TagVocabulary; event: CoalitionEvent; window: ProposalWindow; state: FormState; mine: SessionProposal[] }) {
  const { ctx, event, state } = props;
  const { t } = ctx;
  const title = t('agenda:proposals.title', { event: event.title });
  const base = `/events/${event.slug}/proposals`;
  return (
    <Layout ctx={ctx} title={title}>
      <p class="margin-bottom-1"><a class="usa-link" href={`/events/${event.slug}`}>{t('agenda:backToEvent', { title: event.title })}</a></p>
      <h1>{title}</h1>
      <p class="usa-intro">
        {t('agenda:proposals.windowDates')} <DateTime ctx={ctx} iso={event.proposals_open_at} empty="" /> – <DateTime ctx={ctx} iso={event.proposals_close_at} empty="" />
      </p>
      <Guidelines ctx={ctx} event={event} />
      {props.window === 'open' ? (
        <section aria-labelledby="propose">
          <h2 id="propose">{t('agenda:proposals.submitHeading')}</h2>
          <Form ctx={ctx} action={base} state={state}>
            <ProposalFields ctx={ctx} state={state} vocab={props.vocab} />
            <SubmitButton>{t('agenda:proposals.submit')}</SubmitButton>
          </Form>
        </section>
      ) : (
        <div class="usa-alert usa-alert--info" role="status">
          <div class="usa-alert__body"><p class="usa-alert__text">{t(`agenda:proposals.window.${props.window}`)}</p></div>
        </div>
      )}
      <section class="margin-top-4" aria-labelledby="mine">
        <h2 id="mine">{t('agenda:proposals.mine')}</h2>
        {props.mine.length === 0 ? (
          <p>{t('agenda:proposals.noneYet')}</p>
        ) : (
          <ul class="usa-list usa-list--unstyled">
            {props.mine.map((p) => (
              <li class="margin-bottom-2 border-bottom-1px border-base-lighter padding-bottom-2">
                <strong>{p.title}</strong> <ProposalStatus ctx={ctx} status={p.status} />
                <div>{t(`agenda:proposals.format.${p.format}`)} · {t('agenda:proposals.minutes', { count: p.duration_minutes })}</div>
                {p.decision_message && <p class="margin-y-05">{p.decision_message}</p>}
                {p.status === 'submitted' && props.window === 'open' && (
                  <div class="display-flex flex-align-center margin-top-1">
                    <a class="usa-link margin-right-2" href={`${base}/${p.id}/edit`}>{t('agenda:proposals.edit', { title: p.title })}</a>
                    <form method="post" action={`${base}/${p.id}/withdraw`}>
                      <CsrfField ctx={ctx} />
                      <button type="submit" class="usa-button usa-button--unstyled" aria-label={t('agenda:proposals.withdrawLabel', { title: p.title })}>{t('agenda:proposals.withdraw')}</button>
                    </form>
                  </div>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>
    </Layout>
  );
}

/** /events/:slug/proposals/:id/edit — change an undecided proposal while the call is open. */
export function ProposalEditPage(props: { ctx: ViewContext; vocab: TagVocabulary; event: CoalitionEvent; proposal: SessionProposal; state: FormState }) {
  const { ctx, event, state } = props;
  const title = ctx.t('agenda:proposals.editTitle', { title: props.proposal.title });
  return (
    <Layout ctx={ctx} title={title}>
      <p class="margin-bottom-1"><a class="usa-link" href={`/events/${event.slug}/proposals`}>{ctx.t('agenda:proposals.backToCall')}</a></p>
      <h1>{title}</h1>
      <Form ctx={ctx} action={`/events/${event.slug}/proposals/${props.proposal.id}/edit`} state={state}>
        <ProposalFields ctx={ctx} state={state} vocab={props.vocab} />
        <SubmitButton>{ctx.t('agenda:proposals.save')}</SubmitButton>
      </Form>
    </Layout>
  );
}
