import type { ComponentChildren } from 'preact';
import type { Translate } from '../../../platform/i18n/i18n.ts';
import type { Limit, TypePhrase } from '../schema-phrase.ts';

/**
 * Long unbroken strings (paths, regular expressions, URLs) would push a phone's screen sideways.
 * This offers the browser a line break after separators, and inside any long run without one;
 * <wbr> adds no character, so copying the text gives it back unchanged.
 */
export function Breakable({ text }: { text: string }) {
  const parts: ComponentChildren[] = [];
  let run = '';
  let sinceBreak = 0;
  for (const char of text) {
    run += char;
    sinceBreak = /\s/.test(char) ? 0 : sinceBreak + 1;
    if ('/?&|),]'.includes(char) || sinceBreak >= 20) {
      parts.push(run, <wbr />);
      run = '';
      sinceBreak = 0;
    }
  }
  if (run) parts.push(run);
  return <>{parts}</>;
}

/** A TypePhrase in the reader's language: "string or null, at most 200 characters". */
export function TypeText({ t, type }: { t: Translate; type: TypePhrase }) {
  return <>{typeParts(t, type)}</>;
}

function typeParts(t: Translate, type: TypePhrase): ComponentChildren {
  switch (type.kind) {
    case 'union':
      return type.options.map((option, i) => (
        <>
          {i > 0 && t('api-docs:types.or')}
          {typeParts(t, option)}
        </>
      ));
    case 'list':
      return (
        <>
          {t('api-docs:types.listOf')} {typeParts(t, type.items)}
          {details([], type.limits.map((limit) => limitText(t, limit)))}
        </>
      );
    case 'enum':
      return (
        <>
          {t('api-docs:types.oneOf')}{' '}
          {type.values.map((value, i) => (
            <>
              {i > 0 && ', '}
              <code class="font-mono-xs">
                <Breakable text={value} />
              </code>
            </>
          ))}
          {details([], type.limits.map((limit) => limitText(t, limit)))}
        </>
      );
    case 'scalar':
      return (
        <>
          {t(`api-docs:types.${type.type}`)}
          {details(type.format ? [t(`api-docs:formats.${type.format}`, { defaultValue: type.format })] : [], type.limits.map((limit) => limitText(t, limit)))}
        </>
      );
  }
}

/**
 * A value's format and limits in brackets after its type: "string (email address, at most 254
 * characters) or null", so that in a union each limit plainly belongs to its own option.
 */
function details(first: ComponentChildren[], rest: ComponentChildren[]): ComponentChildren {
  const all = [...first, ...rest];
  if (all.length === 0) return null;
  return (
    <>
      {' ('}
      {all.map((part, i) => (
        <>
          {i > 0 && ', '}
          {part}
        </>
      ))}
      {')'}
    </>
  );
}

function limitText(t: Translate, limit: Limit): ComponentChildren {
  switch (limit.rule) {
    case 'pattern':
      return (
        <>
          {t('api-docs:limits.matching')}{' '}
          <code class="font-mono-xs">
            <Breakable text={limit.pattern} />
          </code>
        </>
      );
    case 'default':
      return (
        <>
          {t('api-docs:limits.default')}{' '}
          <code class="font-mono-xs">
            <Breakable text={limit.value} />
          </code>
        </>
      );
    case 'chars':
    case 'items':
      return boundsText(t, limit.rule, limit.min, limit.max);
    case 'range': {
      const { min, max } = limit;
      if (min !== undefined && max !== undefined && !limit.minExclusive && !limit.maxExclusive) return t('api-docs:limits.range.between', { min, max });
      const parts: string[] = [];
      if (min !== undefined) parts.push(t(limit.minExclusive ? 'api-docs:limits.range.above' : 'api-docs:limits.range.atLeast', { min }));
      if (max !== undefined) parts.push(t(limit.maxExclusive ? 'api-docs:limits.range.below' : 'api-docs:limits.range.atMost', { max }));
      return parts.join(', ');
    }
  }
}

/** "1–200 characters", "at most 5 items", "exactly 12 characters". */
function boundsText(t: Translate, unit: 'chars' | 'items', min: number | undefined, max: number | undefined): string {
  if (min !== undefined && max !== undefined) {
    return min === max ? t(`api-docs:limits.${unit}.exactly`, { count: max }) : t(`api-docs:limits.${unit}.between`, { min, count: max });
  }
  if (max !== undefined) return t(`api-docs:limits.${unit}.atMost`, { count: max });
  return t(`api-docs:limits.${unit}.atLeast`, { count: min ?? 0 });
}
