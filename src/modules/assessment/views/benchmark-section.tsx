import type { ComponentChildren } from 'preact';
import type { AssessmentEvidence, FrameworkLevel } from '../../../db/schema.ts';
import { megabytes } from '../../../platform/storage/upload-check.ts';
import { Form, type FormState } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { BenchmarkNode } from '../../framework/framework-read.service.ts';
import type { CycleView } from '../assessment.service.ts';
import type { FocusedForm } from './cycle-page.tsx';
import { gapOf, GapText } from './side-by-side.tsx';

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

function FieldMessages({ ctx, state, name, id }: { ctx: ViewContext; state?: FormState; name: string; id: string }) {
  const messages = state?.errors[name];
  if (!messages) return null;
  return (
    <span class="usa-error-message" id={id} role="alert">
      {messages.map((m) => ctx.t(m)).join(' ')}
    </span>
  );
}

/** The rubric's levels as radio buttons, each level's descriptor for this benchmark as its hint. */
function LevelRadios(props: { ctx: ViewContext; b: BenchmarkNode; levels: FrameworkLevel[]; name: string; idPrefix: string; legend: string; current: string; state?: FormState }) {
  const { ctx, b, state } = props;
  const errorId = `${props.idPrefix}-error`;
  const invalid = !!state?.errors[props.name];
  return (
    <fieldset class={`usa-fieldset${invalid ? ' usa-form-group usa-form-group--error' : ''}`} aria-describedby={invalid ? errorId : undefined}>
      <legend class="usa-legend text-bold">{props.legend}</legend>
      <FieldMessages ctx={ctx} state={state} name={props.name} id={errorId} />
      {props.levels.map((l) => {
        const id = `${props.idPrefix}-${l.key}`;
        return (
          <div class="usa-radio">
            <input class="usa-radio__input usa-radio__input--tile" id={id} type="radio" name={props.name} value={l.key} checked={props.current === l.key} />
            <label class="usa-radio__label" for={id}>
              {l.name}
              {b.descriptors[l.key] && <span class="usa-checkbox__label-description">{b.descriptors[l.key]}</span>}
            </label>
          </div>
        );
      })}
    </fieldset>
  );
}

function Comment(props: { ctx: ViewContext; id: string; name: string; label: string; value: string; state?: FormState }) {
  const invalid = !!props.state?.errors[props.name];
  return (
    <div class={`usa-form-group${invalid ? ' usa-form-group--error' : ''}`}>
      <label class="usa-label" for={props.id}>{props.label}</label>
      <FieldMessages ctx={props.ctx} state={props.state} name={props.name} id={`${props.id}-error`} />
      <textarea class="usa-textarea" id={props.id} name={props.name} rows={3} aria-describedby={invalid ? `${props.id}-error` : undefined}>
        {props.value}
      </textarea>
    </div>
  );
}

function FormNotice({ ctx, state }: { ctx: ViewContext; state?: FormState }) {
  if (!state?.formError) return null;
  return (
    <div class="usa-alert usa-alert--error usa-alert--slim margin-y-2" role="alert">
      <div class="usa-alert__body">
        <p class="usa-alert__text">{ctx.t(state.formError, state.formErrorParams)}</p>
      </div>
    </div>
  );
}

/** What a piece of evidence is called in a sentence ("Delete …"): its note, its link's title, its file name. */
const evidenceLabel = (e: AssessmentEvidence): string => (e.kind === 'file' ? (e.filename ?? '') : e.kind === 'link' ? e.text || e.url || '' : (e.text ?? '').slice(0, 80));

function Evidence({ ctx, items, cycleId, canDelete }: { ctx: ViewContext; items: AssessmentEvidence[]; cycleId: number; canDelete: boolean }) {
  const { t } = ctx;
  if (items.length === 0) return <p class="text-base-dark">{t('assessment:evidence.none')}</p>;
  return (
    <ul class="usa-list">
      {items.map((e) => (
        <li>
          {e.kind === 'text' && <span class="text-pre-wrap">{e.text}</span>}
          {e.kind === 'link' && (
            <a class="usa-link" href={e.url ?? '#'} rel="noopener noreferrer nofollow">
              {e.text || e.url}
            </a>
          )}
          {e.kind === 'file' && (
            <a class="usa-link" href={`/assessment/${cycleId}/files/${e.id}`}>
              {t('assessment:evidence.file', { name: e.filename ?? '' })}
            </a>
          )}
          {canDelete && (
            <Form ctx={ctx} action={`/assessment/${cycleId}/evidence-items/${e.id}/delete`} class="display-inline-block margin-left-1">
              <button type="submit" class="usa-button usa-button--unstyled text-secondary-dark">
                {t('assessment:evidence.delete')}
                <span class="usa-sr-only">: {evidenceLabel(e)}</span>
              </button>
            </Form>
          )}
        </li>
      ))}
    </ul>
  );
}

/** The answer another person saved meanwhile, shown above the form that still holds yours. */
function ConflictNotice({ ctx, heading, level, comment }: { ctx: ViewContext; heading: string; level: string; comment: string | null }) {
  const { t } = ctx;
  return (
    <div class="usa-alert usa-alert--warning margin-y-2" role="alert">
      <div class="usa-alert__body">
        <h4 class="usa-alert__heading">{t(heading)}</h4>
        <p class="usa-alert__text">{t('assessment:rating.theirAnswer', { level })}</p>
        {comment && <p class="usa-alert__text text-pre-wrap">{comment}</p>}
        <p class="usa-alert__text">{t('assessment:rating.yourAnswerKept')}</p>
      </div>
    </div>
  );
}

function Block({ title, id, children }: { title: string; id: string; children: ComponentChildren }) {
  return (
    <div class="margin-top-2">
      <h4 id={id} class="margin-bottom-1">{title}</h4>
      {children}
    </div>
  );
}

/** One benchmark: its rating form (or the saved rating), its evidence, and the coach's part. */
export function BenchmarkSection(props: { ctx: ViewContext; view: CycleView; benchmark: BenchmarkNode; can: { work: boolean; review: boolean }; showCoach: boolean; focus?: FocusedForm; maxBytes: number }) {
  const { ctx, view, benchmark: b, can, showCoach, focus } = props;
  const { t } = ctx;
  const { cycle, tree } = view;
  const r = view.ratings.get(b.key);
  const levelName = (k: string | null | undefined) => (k ? (tree.levels.find((l) => l.key === k)?.name ?? k) : t('assessment:review.notRated'));
  const draft = cycle.status === 'draft';
  const ratingState = focus?.form === 'rating' ? focus.state : undefined;
  const evidenceState = focus?.form === 'evidence' ? focus.state : undefined;
  const coachState = focus?.form === 'coach' ? focus.state : undefined;
  const base = `/assessment/${cycle.id}`;
  return (
    <article id={`benchmark-${b.key}`} class="border-1px border-base-lighter radius-md padding-2 margin-bottom-3" aria-labelledby={`benchmark-${b.key}-name`}>
      <h3 id={`benchmark-${b.key}-name`} class="margin-top-0">{b.name}</h3>
      {b.description && <p>{b.description}</p>}

      {draft && can.work ? (
        // The wrapper tells the autosave island where this benchmark's JSON save goes; without
        // JavaScript it is inert and the Save button posts the form as before.
        <div data-autosave-url={`/api/v1/assessment/cycles/${cycle.id}/ratings/${encodeURIComponent(b.key)}`}>
          <Form ctx={ctx} action={`${base}/ratings/${b.key}`} class="usa-form maxw-tablet">
            {/* The revision this form was first loaded with, kept through a refused save: a colleague's
                save meanwhile must still make the next save a conflict, not be overwritten. */}
            <input type="hidden" name="revision" value={str(ratingState ? ratingState.values.revision : (r?.revision ?? 0))} />
            {ratingState && focus?.conflict && <ConflictNotice ctx={ctx} heading="assessment:errors.ratingConflict" level={levelName(focus.conflict.level_key)} comment={focus.conflict.comment} />}
            <FormNotice ctx={ctx} state={focus?.conflict ? undefined : ratingState} />
            <LevelRadios ctx={ctx} b={b} levels={tree.levels} name="level_key" idPrefix={`b-${b.key}-level`} legend={t('assessment:rating.legend', { name: b.name })} current={str(ratingState ? ratingState.values.level_key : r?.level_key)} state={ratingState} />
            <Comment ctx={ctx} id={`b-${b.key}-comment`} name="comment" label={t('assessment:rating.comment', { name: b.name })} value={str(ratingState ? ratingState.values.comment : r?.comment)} state={ratingState} />
            <button type="submit" class="usa-button">{t('assessment:rating.save', { name: b.name })}</button>
            <p class="margin-y-1 text-base-dark" id={`b-${b.key}-autosave`} role="status" aria-live="polite" data-autosave-status></p>
          </Form>
        </div>
      ) : (
        <Block title={t('assessment:rating.schoolHeading')} id={`b-${b.key}-school`}>
          <p class="margin-y-05"><strong>{levelName(r?.level_key)}</strong></p>
          {r?.comment && <p class="text-pre-wrap margin-y-05">{r.comment}</p>}
        </Block>
      )}

      <Block title={t('assessment:evidence.heading')} id={`b-${b.key}-evidence`}>
        <Evidence ctx={ctx} items={view.evidence.get(b.key) ?? []} cycleId={cycle.id} canDelete={draft && can.work} />
        {draft && can.work && (
          <details class="margin-top-1" open={!!evidenceState}>
            <summary>{t('assessment:evidence.add', { name: b.name })}</summary>
            <Form ctx={ctx} action={`${base}/evidence/${b.key}`} class="usa-form maxw-tablet">
              <FormNotice ctx={ctx} state={evidenceState} />
              <fieldset class="usa-fieldset">
                <legend class="usa-legend">{t('assessment:evidence.kind')}</legend>
                {(['text', 'link'] as const).map((k) => (
                  <div class="usa-radio">
                    <input class="usa-radio__input" type="radio" id={`b-${b.key}-kind-${k}`} name="kind" value={k} checked={str(evidenceState?.values.kind || 'text') === k} />
                    <label class="usa-radio__label" for={`b-${b.key}-kind-${k}`}>{t(`assessment:evidence.kinds.${k}`)}</label>
                  </div>
                ))}
              </fieldset>
              <Comment ctx={ctx} id={`b-${b.key}-evidence-text`} name="text" label={t('assessment:evidence.text')} value={str(evidenceState?.values.text)} state={evidenceState} />
              <div class={`usa-form-group${evidenceState?.errors.url ? ' usa-form-group--error' : ''}`}>
                <label class="usa-label" for={`b-${b.key}-evidence-url`}>{t('assessment:evidence.url')}</label>
                <div class="usa-hint" id={`b-${b.key}-evidence-url-hint`}>{t('assessment:evidence.urlHint')}</div>
                <FieldMessages ctx={ctx} state={evidenceState} name="url" id={`b-${b.key}-evidence-url-error`} />
                <input class="usa-input" type="url" id={`b-${b.key}-evidence-url`} name="url" value={str(evidenceState?.values.url)} aria-describedby={`b-${b.key}-evidence-url-hint`} />
              </div>
              <button type="submit" class="usa-button usa-button--outline">{t('assessment:evidence.save')}</button>
            </Form>
            <Form ctx={ctx} action={`${base}/files/${b.key}`} class="usa-form maxw-tablet margin-top-2" enctype="multipart/form-data">
              <div class="usa-form-group">
                <label class="usa-label" for={`b-${b.key}-file`}>{t('assessment:evidence.fileLabel')}</label>
                <div class="usa-hint" id={`b-${b.key}-file-hint`}>{t('assessment:evidence.fileHint', { size: megabytes(props.maxBytes) })}</div>
                <input class="usa-input" type="file" id={`b-${b.key}-file`} name="file" aria-describedby={`b-${b.key}-file-hint`} />
              </div>
              <button type="submit" class="usa-button usa-button--outline">{t('assessment:evidence.upload')}</button>
            </Form>
          </details>
        )}
      </Block>

      {!draft && (
        <Block title={t('assessment:review.coachHeading')} id={`b-${b.key}-coach`}>
          {cycle.status === 'submitted' && can.review ? (
            <Form ctx={ctx} action={`${base}/coach/${b.key}`} class="usa-form maxw-tablet">
              {/* The coach rating this form showed: saving over one saved meanwhile is a conflict. */}
              <input type="hidden" name="coach_at" value={str(coachState ? coachState.values.coach_at : r?.coach_at)} />
              {coachState && focus?.conflict && <ConflictNotice ctx={ctx} heading="assessment:errors.coachConflict" level={levelName(focus.conflict.coach_level_key)} comment={focus.conflict.coach_comment} />}
              <FormNotice ctx={ctx} state={focus?.conflict ? undefined : coachState} />
              <LevelRadios ctx={ctx} b={b} levels={tree.levels} name="coach_level_key" idPrefix={`b-${b.key}-coach-level`} legend={t('assessment:review.legend', { name: b.name })} current={str(coachState ? coachState.values.coach_level_key : r?.coach_level_key)} state={coachState} />
              <Comment ctx={ctx} id={`b-${b.key}-coach-comment`} name="coach_comment" label={t('assessment:review.comment', { name: b.name })} value={str(coachState ? coachState.values.coach_comment : r?.coach_comment)} state={coachState} />
              <button type="submit" class="usa-button">{t('assessment:review.save', { name: b.name })}</button>
            </Form>
          ) : showCoach ? (
            <>
              <p class="margin-y-05"><strong>{levelName(r?.coach_level_key)}</strong></p>
              {r?.coach_comment && <p class="text-pre-wrap margin-y-05">{r.coach_comment}</p>}
            </>
          ) : (
            <p class="margin-y-05 text-base-dark">{t('assessment:review.coachPending')}</p>
          )}
          {showCoach && (
            <p>
              {t('assessment:review.gap')}: <GapText ctx={ctx} gap={gapOf(view, r?.level_key ?? null, r?.coach_level_key ?? null)} />
            </p>
          )}
        </Block>
      )}
    </article>
  );
}
