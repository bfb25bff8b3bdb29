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
