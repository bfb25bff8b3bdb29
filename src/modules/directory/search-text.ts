// Turns whatever a visitor typed into a query each full-text engine accepts. Both FTS5 and
// tsquery have their own syntax (quotes, AND/OR/NOT/NEAR, -, *, :, &, |, parentheses); rather than
// escaping every operator of two languages, we keep only words (letters, digits and combining
// marks) and write the query ourselves, so no input can reach the engine as syntax.

const MAX_WORDS = 8;
const MAX_WORD_LENGTH = 40;

export interface SearchWords {
  words: string[];
  /** Whether the last word is matched as a prefix (the visitor may still be typing it). */
  prefix: boolean;
}

/** The words of a search, or undefined when nothing searchable is left. */
export function searchWords(text: string | undefined): SearchWords | undefined {
  if (!text) return undefined;
  const words = (text.normalize('NFC').toLowerCase().match(/[\p{L}\p{N}\p{M}]+/gu) ?? [])
    .map((w) => w.slice(0, MAX_WORD_LENGTH))
    .slice(0, MAX_WORDS);
  if (words.length === 0) return undefined;
  // A one-letter prefix matches a large share of every term; it is treated as a whole word.
  return { words, prefix: words.at(-1)!.length >= 2 };
}

/** FTS5: each word a quoted string (so NEAR, AND, OR and NOT are just words), all required. */
export function fts5Query({ words, prefix }: SearchWords): string {
  return words.map((w, i) => `"${w}"${prefix && i === words.length - 1 ? '*' : ''}`).join(' ');
}

/** tsquery: each word a quoted lexeme joined by &, the last one with :* when a prefix. */
export function tsQuery({ words, prefix }: SearchWords): string {
  return words.map((w, i) => `'${w}'${prefix && i === words.length - 1 ? ':*' : ''}`).join(' & ');
}
