import type { ComponentChildren } from 'preact';
import type { ChartText } from './chart-types.ts';

/**
 * The accessible SVG shell every chart uses: role="img", named by its <title> and described by its
 * <desc>. It scales with its container through the viewBox (sized by class in hub.css, never by an
 * inline style, which the content security policy forbids).
 */
export function SvgFrame(props: { text: ChartText; width: number; height: number; children: ComponentChildren }) {
  const { id, title, description } = props.text;
  return (
    <svg
      class="hub-chart__svg"
      xmlns="http://www.w3.org/2000/svg"
      viewBox={`0 0 ${props.width} ${props.height}`}
      role="img"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-desc`}
      focusable="false"
    >
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      {props.children}
    </svg>
  );
}

/** What a chart draws when it has no data: the frame with a centred message. */
export function EmptyChart(props: { text: ChartText; width: number; height: number }) {
  return (
    <SvgFrame text={props.text} width={props.width} height={props.height}>
      <text class="hub-chart__empty" x={props.width / 2} y={props.height / 2} text-anchor="middle">
        {props.text.emptyText}
      </text>
    </SvgFrame>
  );
}
