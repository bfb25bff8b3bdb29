import type { ComponentChildren } from 'preact';
import type { CoalitionEvent, ProposalReview, SessionProposal } from '../../../db/schema.ts';
import { CsrfField, Form, SelectField, SubmitButton, TextArea, TextField, type FormState } from '../../../platform/ui/components/form.tsx';
import { Layout } from '../../../platform/ui/layout.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { eventDays, formatDay } from '../agenda-time.ts';
import { tagLabel, type TagVocabulary } from '../event-tags.ts';
import { splitTags, type ReviewRow } from '../proposals.service.ts';
import { OrganiserLayout } from './organiser-layout.tsx';
import { ProposalStatus } from './proposal-pages.tsx';

export type ReviewRole = 'organiser' | 'reviewer';

/** Organisers work inside the organiser pages; reviewers, who see only the review, get a plain page. */
function Frame({ ctx, event, role, title, children }: { ctx: ViewContext; event: CoalitionEvent; role: ReviewRole; title: string; children: ComponentChildren }) {
  if (role === 'organiser') return <OrganiserLayout ctx={ctx} event={event} title={title}>{children}</OrganiserLayout>;
  return (
    <Layout ctx={ctx} title={title}>
      <p class="margin-bottom-1"><a class="usa-link" href={`/events/${event.slug}`}>{ctx.t('agenda:backToEvent', { title: event.title })}</a></p>
      {children}
    </Layout>
  );
}

const mean = (m: number | null) => (m === null ? '–' : m.toFixed(1));

/** /events/:slug/proposals/manage — proposals with scores; organisers also manage reviewers. */
export function ReviewListPage(props: { ctx: ViewContext; event: CoalitionEvent; role: ReviewRole; rows: ReviewRow[]; sort: 'score' | 'newest'; myReviews: Map<number, ProposalReview>; reviewers: { id: number; name: string; email: string }[]; reviewerState: FormState }) {
  const { ctx, event, role } = props;
  const { t } = ctx;
  const base = `/events/${event.slug}/proposals/manage`;
  const organiser = role === 'organiser';
  return (
    <Frame ctx={ctx} event={event} role={role} title={t('agenda:review.title')}>
      <h1>{t('agenda:review.title')}</h1>
      {!organiser && <p class="usa-intro">{t('agenda:review.blindLead')}</p>}
      <p>
        {t('agenda:review.sortBy')}{' '}
        {(['score', 'newest'] as const).map((s) => (props.sort === s ? <strong class="margin-right-1">{t(`agenda:review.sort.${s}`)}</strong> : <a class="usa-link margin-right-1" href={`${base}?sort=${s}`}>{t(`agenda:review.sort.${s}`)}</a>))}
      </p>
      {props.rows.length === 0 ? (
        <p>{t('agenda:review.none')}</p>
      ) : (
        <table class="usa-table usa-table--borderless width-full">
          <caption class="usa-sr-only">{t('agenda:review.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('agenda:review.proposal')}</th>
              {organiser && <th scope="col">{t('proposals-admin:review.submitter')}</th>}
              <th scope="col">{t('agenda:review.status')}</th>
              {organiser ? <th scope="col">{t('proposals-admin:review.mean')}</th> : <th scope="col">{t('agenda:review.yourScore')}</th>}
              {organiser && <th scope="col">{t('proposals-admin:review.count')}</th>}
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <th scope="row">
                  <a class="usa-link" href={`${base}/${r.id}`}>{r.title}</a>
                  <div class="font-body-3xs">{t(`agenda:proposals.format.${r.format}`)} · {t('agenda:proposals.minutes', { count: r.duration_minutes })}</div>
                </th>
                {organiser && <td>{r.submitter_name}</td>}
                <td><ProposalStatus ctx={ctx} status={r.status} /></td>
                {organiser ? <td>{mean(r.mean)}</td> : <td>{props.myReviews.get(r.id)?.score ?? '–'}</td>}
                {organiser && <td>{r.reviews}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {organiser && (
        <section class="margin-top-4" aria-labelledby="reviewers">
          <h2 id="reviewers">{t('proposals-admin:reviewers.title')}</h2>
          {props.reviewers.length === 0 ? <p>{t('proposals-admin:reviewers.none')}</p> : (
            <ul class="usa-list usa-list--unstyled">
              {props.reviewers.map((r) => (
                <li class="display-flex flex-align-center margin-bottom-1">
                  <span class="margin-right-2">{r.name} ({r.email})</span>
                  <form method="post" action={`${base}/reviewers/${r.id}/remove`}>
                    <CsrfField ctx={ctx} />
                    <button type="submit" class="usa-button usa-button--unstyled" aria-label={t('proposals-admin:reviewers.removeLabel', { name: r.name })}>{t('proposals-admin:reviewers.remove')}</button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          <Form ctx={ctx} action={`${base}/reviewers`} state={props.reviewerState} class="usa-form">
            <TextField ctx={ctx} state={props.reviewerState} name="email" type="email" label={t('proposals-admin:reviewers.email')} hint={t('proposals-admin:reviewers.emailHint')} required />
            <SubmitButton variant="outline">{t('proposals-admin:reviewers.add')}</SubmitButton>
          </Form>
        </section>
      )}
    </Frame>
  );
}

export interface ReviewDetail {
  proposal: SessionProposal;
  submitterName: string | null;
  reviews: (ProposalReview & { reviewer_name: string })[];
  canScore: boolean;
}

/** /events/:slug/proposals/manage/:id — one proposal: my score, and (organisers) every review and the decision. */
export function ReviewProposalPage(props: { ctx: ViewContext; vocab: TagVocabulary; event: CoalitionEvent; role: ReviewRole; detail: ReviewDetail; reviewState: FormState; decisionState: FormState }) {
  const { ctx, event, role, detail } = props;
  const { proposal: p } = detail;
  const { t } = ctx;
  const base = `/events/${event.slug}/proposals/manage/${p.id}`;
  const organiser = role === 'organiser';
  const open = p.status === 'submitted';
  return (
    <Frame ctx={ctx} event={event} role={role} title={p.title}>
      <p class="margin-bottom-1"><a class="usa-link" href={`/events/${event.slug}/proposals/manage`}>{t('agenda:review.backToList')}</a></p>
      <h1>{p.title}</h1>
      {!open && (props.decisionState.formError ?? props.reviewState.formError) && (
        <div class="usa-alert usa-alert--error" role="alert">
          <div class="usa-alert__body"><p class="usa-alert__text">{t((props.decisionState.formError ?? props.reviewState.formError)!)}</p></div>
        </div>
      )}
      <p><ProposalStatus ctx={ctx} status={p.status} /> {t(`agenda:proposals.format.${p.format}`)} · {t('agenda:proposals.minutes', { count: p.duration_minutes })}</p>
      {organiser && <p>{t('proposals-admin:review.submittedBy', { name: detail.submitterName ?? '?' })}</p>}
      {organiser && p.presenters && <p>{t('proposals-admin:review.coPresenters')} {p.presenters.split('\n').join('; ')}</p>}
      <div class="usa-prose">{p.abstract.split(/\n\s*\n/).map((para) => <p>{para}</p>)}</div>
      {p.tags && <p>{splitTags(p.tags).map((tag) => <span class="usa-tag margin-right-05">{tagLabel(t, props.vocab, tag)}</span>)}</p>}
      {organiser && p.decision_message && <p><strong>{t('proposals-admin:review.decisionMessage')}</strong> {p.decision_message}</p>}
      {p.session_id && organiser && <p><a class="usa-link" href={`/events/${event.slug}/agenda/manage/${p.session_id}`}>{t('proposals-admin:review.editSession')}</a></p>}

      {detail.canScore && open && (
        <section class="margin-top-4" aria-labelledby="score">
          <h2 id="score">{t('agenda:review.yourReview')}</h2>
          <Form ctx={ctx} action={`${base}/review`} state={props.reviewState} class="usa-form">
            <SelectField ctx={ctx} state={props.reviewState} name="score" label={t('agenda:review.score')} required blank="" options={[1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: t(`agenda:review.scores.${n}`) }))} />
            <TextArea ctx={ctx} state={props.reviewState} name="comment" label={t('agenda:review.comment')} rows={4} />
            <SubmitButton>{t('agenda:review.saveReview')}</SubmitButton>
          </Form>
        </section>
      )}

      {organiser && (
        <section class="margin-top-4" aria-labelledby="reviews">
          <h2 id="reviews">{t('proposals-admin:review.reviews', { count: detail.reviews.length })}</h2>
          <ul class="usa-list usa-list--unstyled">
            {detail.reviews.map((r) => (
              <li class="margin-bottom-2">
                <strong>{r.reviewer_name}</strong>: {r.score}/5{r.comment && <> — {r.comment}</>}
              </li>
            ))}
          </ul>
        </section>
      )}

      {organiser && open && (
        <section class="margin-top-4" aria-labelledby="decide">
          <h2 id="decide">{t('proposals-admin:decision.title')}</h2>
          <Form ctx={ctx} action={`${base}/decide`} state={props.decisionState} class="usa-form usa-form--large">
            <fieldset class="usa-fieldset">
              <legend class="usa-legend">{t('proposals-admin:decision.legend')}</legend>
              {(['accept', 'decline'] as const).map((d) => (
                <div class="usa-radio">
                  <input class="usa-radio__input" type="radio" id={`decision-${d}`} name="decision" value={d} checked={props.decisionState.values.decision === d} />
                  <label class="usa-radio__label" for={`decision-${d}`}>{t(`proposals-admin:decision.${d}`)}</label>
                </div>
              ))}
            </fieldset>
            <TextArea ctx={ctx} state={props.decisionState} name="message" label={t('proposals-admin:decision.message')} hint={t('proposals-admin:decision.messageHint')} rows={4} />
            <fieldset class="usa-fieldset margin-top-2">
              <legend class="usa-legend">{t('proposals-admin:decision.slot')}</legend>
              <p class="usa-hint">{t('proposals-admin:decision.slotHint')}</p>
              <SelectField ctx={ctx} state={props.decisionState} name="day" label={t('proposals-admin:sessions.fields.day')} blank="" options={eventDays(event).map((d) => ({ value: d, label: formatDay(d, ctx.locale) }))} />
              <TextField ctx={ctx} state={props.decisionState} name="start_time" type="time" label={t('proposals-admin:sessions.fields.start')} />
              <TextField ctx={ctx} state={props.decisionState} name="room" label={t('proposals-admin:sessions.fields.room')} maxLength={120} />
            </fieldset>
            <SubmitButton>{t('proposals-admin:decision.send')}</SubmitButton>
          </Form>
        </section>
      )}
    </Frame>
  );
}
