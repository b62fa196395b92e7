/**
 * Mentions as the server reads them (Grains/Mentions/MentionParser.cs): `@name` or `#name`, a name being the longest
 * run of `a-z A-Z 0-9 _ . -`; the sigil must not follow a letter, digit or one of `_ . - @ # /` (so e-mail
 * addresses and URL paths are not mentions), the run must not be followed by a letter, digit, `_` or `@`, and
 * after dropping trailing dots it must be a valid user name. Names compare lower-case.
 */

export interface MentionRange {
  /** Index of the sigil. */
  start: number;
  /** Sigil plus name (trailing dots excluded). */
  length: number;
  /** The user name, lower-case. */
  name: string;
}

const userName = /^[a-z0-9_.-]{3,32}$/;

const isSigil = (c: string) => c === '@' || c === '#';
const isNameChar = (c: string) => /[A-Za-z0-9_.-]/.test(c);
const isLetterOrDigit = (c: string) => /[\p{L}\p{Nd}]/u.test(c);
const gluesToMention = (before: string) => isLetterOrDigit(before) || '_.-@#/'.includes(before);
const gluesAfterName = (after: string) => isLetterOrDigit(after) || after === '_' || after === '@';

export function isValidUserName(name: string): boolean {
  return userName.test(name);
}

/** Every mention in `text`, in order (duplicates included: each occurrence is highlighted). */
export function findMentions(text: string): MentionRange[] {
  const found: MentionRange[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isSigil(text[i]) || (i > 0 && gluesToMention(text[i - 1]))) {
      i++;
      continue;
    }
    const start = i + 1;
    let end = start;
    while (end < text.length && isNameChar(text[end])) {
      end++;
    }
    i = Math.max(end, start);
    if (end < text.length && gluesAfterName(text[end])) {
      continue;
    }
    let nameEnd = end;
    while (nameEnd > start && text[nameEnd - 1] === '.') {
      nameEnd--;
    }
    const name = text.slice(start, nameEnd).toLowerCase();
    if (isValidUserName(name)) {
      found.push({ start: start - 1, length: nameEnd - start + 1, name });
    }
  }
  return found;
}

/** The distinct users a text mentions, lower-case, in order of first appearance. */
export function mentionedUsers(text: string): string[] {
  return [...new Set(findMentions(text).map((m) => m.name))];
}

/**
 * The mention being typed at the caret, for autocomplete: the sigil's index and what follows it so far (possibly
 * empty), or null when the caret is not in a mention.
 */
export function mentionQueryAt(text: string, caret: number): { start: number; query: string } | null {
  let i = caret;
  while (i > 0 && isNameChar(text[i - 1])) {
    i--;
  }
  if (i === 0 || !isSigil(text[i - 1])) {
    return null;
  }
  const sigil = i - 1;
  if (sigil > 0 && gluesToMention(text[sigil - 1])) {
    return null;
  }
  const query = text.slice(i, caret);
  return query.length <= 32 ? { start: sigil, query } : null;
}

/** Candidates for an autocomplete query: names starting with it first, then names containing it; at most `max`. */
export function suggestUsers(query: string, candidates: Iterable<string>, exclude?: string, max = 6): string[] {
  const q = query.toLowerCase();
  const unique = [...new Set(candidates)].filter((c) => c !== exclude).sort();
  const prefix = unique.filter((c) => c.startsWith(q));
  const inner = unique.filter((c) => !c.startsWith(q) && c.includes(q));
  return [...prefix, ...inner].slice(0, max);
}

/** Replaces the mention being typed (from `start` to `caret`) with `@name `; returns the new text and caret. */
export function completeMention(text: string, start: number, caret: number, name: string): { text: string; caret: number } {
  const inserted = `@${name} `;
  const after = text.slice(caret).replace(/^[A-Za-z0-9_.-]*/, '');
  return { text: text.slice(0, start) + inserted + after.replace(/^ /, ''), caret: start + inserted.length };
}
