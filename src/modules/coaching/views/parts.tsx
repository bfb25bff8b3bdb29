import type { EngagementStatus } from '../../../db/schema.ts';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

const TAG_CLASS: Record<EngagementStatus, string> = { active: 'bg-primary-dark', paused: 'bg-accent-warm-dark', closed: 'bg-base-dark' };

/** An engagement's status as a tag. */
export function StatusTag({ ctx, status }: { ctx: ViewContext; status: EngagementStatus }) {
  return <span class={`usa-tag ${TAG_CLASS[status]}`}>{ctx.t(`coaching:status.${status}`)}</span>;
}

/** Minutes as hours with one decimal ("1.5"). */
export const hours = (minutes: number): string => (Math.round((minutes / 60) * 10) / 10).toFixed(1);
