import type { CoalitionEvent } from '../../../db/schema.ts';
import { CsrfField } from '../../../platform/ui/components/form.tsx';
import type { ViewContext } from '../../../platform/ui/view-context.ts';
import { formatDay, formatTime, utcToLocal, zoneName } from '../agenda-time.ts';
import type { AgendaSession } from '../agenda.service.ts';
import { tagChoices, tagLabel, type TagVocabulary } from '../event-tags.ts';

/** "10:00 AM – 11:30 AM EST": the session's local times in the event's zone, zone named. */
export function SessionTime({ ctx, event, session, showDay }: { ctx: ViewContext; event: CoalitionEvent; session: AgendaSession; showDay?: boolean }) {
  const tz = event.timezone;
  const day = showDay ? `${formatDay(utcToLocal(session.starts_at, tz).day, ctx.locale)}, ` : '';
  return (
    <time dateTime={session.starts_at}>
      {`${day}${formatTime(session.starts_at, tz, ctx.locale)} – ${formatTime(session.ends_at, tz, ctx.locale)} ${zoneName(session.starts_at, tz, ctx.locale)}`}
    </time>
  );
}

export function PresenterList({ session }: { session: AgendaSession }) {
  if (!session.presenters.length) return null;
  return <>{session.presenters.map((p) => (p.affiliation ? `${p.name} (${p.affiliation})` : p.name)).join(', ')}</>;
}

/** A star / unstar button: a plain POST form, so it works without JavaScript. */
export function StarButton({ ctx, event, session, starred, back }: { ctx: ViewContext; event: CoalitionEvent; session: AgendaSession; starred: boolean; back: string }) {
  const label = ctx.t(starred ? 'agenda:star.remove' : 'agenda:star.add', { title: session.title });
  return (
    <form method="post" action={`/events/${event.slug}/agenda/${session.id}/${starred ? 'unstar' : 'star'}`} class="display-inline-block margin-top-1">
      <CsrfField ctx={ctx} />
      <input type="hidden" name="back" value={back} />
      <button type="submit" class={`usa-button ${starred ? '' : 'usa-button--outline '}usa-button--small`} aria-label={label}>
        {starred ? `★ ${ctx.t('agenda:star.starred')}` : `☆ ${ctx.t('agenda:star.star')}`}
      </button>
    </form>
  );
}

/** One session on an agenda: time, room, presenters, tags (each a filter link), and the star. */
export function SessionCard(props: { ctx: ViewContext; vocab: TagVocabulary; event: CoalitionEvent; session: AgendaSession; starred?: boolean; canStar: boolean; stars?: number; back: string; headingLevel?: 3 | 4; note?: string; showDay?: boolean }) {
  const { ctx, event, session: s } = props;
  const cancelled = s.status === 'cancelled';
  const H = props.headingLevel === 3 ? 'h3' : 'h4';
  return (
    <li class="usa-card margin-bottom-2" id={`session-${s.id}`}>
      <div class="usa-card__container">
        <div class="usa-card__header">
          <H class="usa-card__heading">
            {cancelled ? <del>{s.title}</del> : s.title}
            {cancelled && <span class="usa-tag bg-secondary-dark margin-left-1">{ctx.t('agenda:cancelled')}</span>}
          </H>
        </div>
        <div class="usa-card__body">
          <p class="margin-y-05">
            <SessionTime ctx={ctx} event={event} session={s} showDay={props.showDay} />
            {s.room && ` · ${ctx.t('agenda:room', { room: s.room })}`}
          </p>
          {s.presenters.length > 0 && (
            <p class="margin-y-05">
              {ctx.t('agenda:presenters')} <PresenterList session={s} />
            </p>
          )}
          {s.description && <p class="margin-y-05">{s.description}</p>}
          {props.note && <p class="margin-y-05 text-bold">{props.note}</p>}
          {s.tags.length > 0 && (
            <ul class="add-list-reset display-flex flex-wrap margin-y-1" aria-label={ctx.t('agenda:tagsOf', { title: s.title })}>
              {s.tags.map((tag) => (
                <li class="margin-right-1 margin-bottom-05">
                  <a class="usa-link" href={`/events/${event.slug}/agenda?tag=${encodeURIComponent(tag)}`}>{tagLabel(ctx.t, props.vocab, tag)}</a>
                </li>
              ))}
            </ul>
          )}
          {props.stars !== undefined && <p class="margin-y-05 text-base-dark">{ctx.t('agenda:starCount', { count: props.stars })}</p>}
          {props.canStar && (!cancelled || props.starred) && <StarButton ctx={ctx} event={event} session={s} starred={!!props.starred} back={props.back} />}
        </div>
      </div>
    </li>
  );
}

/**
 * Checkbox groups of every tag (principles, benchmarks, disciplines, grade bands). A tag already
 * chosen whose term has left the framework stays in its group, so saving does not drop it silently.
 */
export function TagCheckboxes({ ctx, vocab, name, selected, legendKey }: { ctx: ViewContext; vocab: TagVocabulary; name: string; selected: string[]; legendKey: string }) {
  return (
    <>
      {tagChoices(vocab, selected).filter(([, tags]) => tags.length > 0).map(([group, tags]) => (
        <fieldset class="usa-fieldset margin-top-2">
          <legend class="usa-legend">{ctx.t(`${legendKey}.${group}`)}</legend>
          {tags.map((tag) => {
            const id = `${name}-${tag.replace(/[^a-z0-9]+/gi, '-')}`;
            return (
              <div class="usa-checkbox">
                <input class="usa-checkbox__input" type="checkbox" id={id} name={name} value={tag} checked={selected.includes(tag)} />
                <label class="usa-checkbox__label" for={id}>{tagLabel(ctx.t, vocab, tag)}</label>
              </div>
            );
          })}
        </fieldset>
      ))}
    </>
  );
}

/** The form values' tags as a list (a form sends one as a string). */
export const selectedTags = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' ? [v] : []);
