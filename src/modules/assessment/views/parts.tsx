import type { CycleStatus } from '../../../db/schema.ts';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

const TAG: Record<CycleStatus, string> = { draft: 'bg-base-dark', submitted: 'bg-primary-dark', reviewed: 'bg-secondary-dark' };

/** A cycle's status as a tag (the word says it; the colour only repeats it). */
export function StatusTag({ ctx, status }: { ctx: ViewContext; status: CycleStatus }) {
  return <span class={`usa-tag ${TAG[status]}`}>{ctx.t(`assessment:status.${status}`)}</span>;
}
