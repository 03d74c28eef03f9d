// The load reads the channels' replies by their own message catalogues, in the language each reply
// is in, never by words of its own: a template becomes a pattern whose values are named groups.

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** What a template is given for a value it writes: a marker (a private-use character) that no catalogue writes. */
const marker = (name: string) => `\uE000${name}\uE000`;
const MARKER = /\uE000(\w+)\uE000/g;

/** The pattern of a value that is a whole number (a stock, a quantity). */
export const A_NUMBER = '\\d+';

/** What a template is given: values taken as given, and the pattern of a value where "any text" would be ambiguous. */
export interface TemplateValues<P> {
  /** Values taken as given (a payment method, say, that chooses between two wordings). */
  fixed?: Partial<P>;
  /** A value's pattern: a number (A_NUMBER) beside text that may hold the template's own separators. */
  patterns?: Partial<Record<keyof P, string>>;
}

/**
 * The pattern (source) of what a template renders, whatever the values: each value it writes is a
 * named group (`(?<code>...)`, any text unless `patterns` says otherwise; a later use of the same
 * value is a backreference).
 */
function templatePattern<P extends object>(render: (values: P) => string, { fixed = {}, patterns = {} }: TemplateValues<P>): string {
  const values = new Proxy(fixed, {
    get: (given, name) => (typeof name === 'string' && !(name in given) ? marker(name) : Reflect.get(given, name)),
  }) as P;
  const seen = new Set<string>();
  return escapeRegExp(render(values)).replace(MARKER, (_whole, name: string) => {
    if (seen.has(name)) return `\\k<${name}>`;
    seen.add(name);
    return `(?<${name}>${(patterns as Record<string, string | undefined>)[name] ?? '.+?'})`;
  });
}

/** A whole line (or a text of one line) that is what the template renders. */
export const wholeText = <P extends object>(render: (values: P) => string, values: TemplateValues<P> = {}) =>
  new RegExp(`^${templatePattern(render, values)}$`);

/** A text that starts with what the template renders. */
export const textStart = <P extends object>(render: (values: P) => string, values: TemplateValues<P> = {}) =>
  new RegExp(`^${templatePattern(render, values)}`);

/** A line that is exactly this text. */
export const exactLine = (text: string) => new RegExp(`^${escapeRegExp(text)}$`);

/**
 * A menu line that offers this label, as a catalogue writes it ("Buy") or with its number
 * ("1 Search by word"): the number shown on the screen is what the caller keys.
 */
export function offerLine(label: string): RegExp {
  return new RegExp(`^(?<choice>\\d+) ${escapeRegExp(label.replace(/^\d+ /, ''))}$`);
}
