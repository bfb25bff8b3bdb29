import type { EngagementStatus } from '../../../db/schema.ts';
import type { ViewContext } from '../../../platform/ui/view-context.ts';

const TAG_CLASS: Record<EngagementStatus, string> = { active: 'bg-primary-dark', paused: 'bg-accent-warm-dark', closed: 'bg-base-dark' };

/** An engagement's status as a tag. */
export function StatusTag({ ctx, status }: { ctx: ViewContext; status: EngagementStatus }) {
  return <span class={`usa-tag ${TAG_CLASS[status]}`}>{ctx.t(`coaching:status.${status}`)}</span>;
}

/** Plain text as paragraphs (blank lines separate them; single line breaks are kept). */
export function Paragraphs({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div class="usa-prose">
      {text.split(/\n\s*\n/).map((para) => (
        <p>
          {para
            .trim()
            .split('\n')
            .flatMap((line, i) => (i === 0 ? [line] : [<br />, line]))}
        </p>
      ))}
    </div>
  );
}

/** Minutes as hours with one decimal ("1.5"). */
export const hours = (minutes: number): string => (Math.round((minutes / 60) * 10) / 10).toFixed(1);
