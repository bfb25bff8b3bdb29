import type { ViewContext } from '../../../platform/ui/view-context.ts';
import type { PersonView } from '../person-view.ts';

/** The state of someone's account in words (never colour alone): disabled, invited or active. */
export function PersonStatus({ ctx, person }: { ctx: ViewContext; person: PersonView }) {
  const key = person.disabled ? 'disabled' : person.invited ? 'invited' : 'active';
  return <span class={`usa-tag${key === 'active' ? '' : ' bg-base'}`}>{ctx.t(`people:status.${key}`)}</span>;
}

/** "School leader" or "School leader — Principal" when the role has a title. */
export function roleText(ctx: ViewContext, role: string, title: string | null): string {
  const label = ctx.t(`common:roles.${role}`);
  return title ? `${label} — ${title}` : label;
}
