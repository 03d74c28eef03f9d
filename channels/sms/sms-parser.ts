import type { Language } from '../text/languages.js';
import type { Command } from './commands/command-types.js';
import { readCommand } from './commands/index.js';
import { type CommandName, foldWord, KNOWN_KEYWORDS } from './sms-keywords.js';

/** A message as its words were read. */
export type ParsedSms =
  | { ok: true; command: Command; language: Language }
  /** The keyword was known but the rest was not: answer with that command's usage. */
  | { ok: false; usage: CommandName; language: Language }
  /** Nothing known: suggest the closest keyword. */
  | { ok: false; usage: null; suggestion: string | null; language: Language | null };

const MAX_WORDS = 40;
const cjkKeywords = [...KNOWN_KEYWORDS.keys()].filter((keyword) => /\p{Script=Han}/u.test(keyword));

/** Words of a message: spaces and commas separate, a final full stop is dropped, "16,500" stays one number. */
export function tokenize(body: string): string[] {
  let text = body
    .normalize('NFKC')
    .trim()
    .replace(/[.!。]+$/u, '');
  // Only a word that is all digits and thousands commas is one number: "RICE5,100 BEANS2" is two words.
  text = text.replace(/(^|\s)(\d{1,3}(?:,\d{3})+)(?=\s|$)/g, (_, space: string, number: string) => space + number.replace(/,/g, ''));
  // Chinese keywords are often typed without a space before what follows.
  const cjk = cjkKeywords.find((keyword) => text.startsWith(keyword));
  if (cjk) text = `${cjk} ${text.slice(cjk.length)}`;
  return text
    .split(/[\s,，、]+/u)
    .filter(Boolean)
    .slice(0, MAX_WORDS);
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The keyword closest to a mistyped one, when it is close enough to be a typo. */
function closestKeyword(word: string): { keyword: string; language: Language } | null {
  let best: { keyword: string; language: Language; distance: number } | null = null;
  for (const [keyword, { language }] of KNOWN_KEYWORDS) {
    if (keyword.length < 3) continue;
    const distance = editDistance(word, keyword);
    if (!best || distance < best.distance) best = { keyword, language, distance };
  }
  return best && best.distance <= Math.max(1, Math.floor(best.keyword.length / 3)) ? best : null;
}

export function parseSms(body: string): ParsedSms {
  const [head, ...args] = tokenize(body);
  if (!head) return { ok: false, usage: null, suggestion: null, language: null };
  const keyword = foldWord(head);
  const known = KNOWN_KEYWORDS.get(keyword);
  if (!known) {
    const closest = closestKeyword(keyword);
    return { ok: false, usage: null, suggestion: closest?.keyword ?? null, language: closest?.language ?? null };
  }
  const command = readCommand(known.command, { typed: args, folded: args.map(foldWord) });
  return command ? { ok: true, command, language: known.language } : { ok: false, usage: known.command, language: known.language };
}
