// Stands in for grapheme-splitter in the bundles (infra/function-bundling.ts), which
// sms-segments-calculator uses to count a text's characters: Node's own Intl.Segmenter splits
// text into the same user-perceived characters (by a newer edition of the Unicode rules) without
// the 23 KB of tables the package carries. Building a segmenter starts ICU, about 10 ms of a cold
// start, so it is built only for a text that needs it: in a text of the characters below, every
// character is a user-perceived character of its own (none of them joins its neighbour under
// Unicode's rules: no carriage return, combining mark, joiner, Hangul jamo or surrogate), and the
// replies of every language we speak are written in them.
const EACH_CHARACTER_ALONE = /^[\n -~\xA0-\u024F\u2010-\u20C0\u2190-\u2193\u2264\u2265\u3001\u3002\u4E00-\u9FFF\uFF01-\uFF5E]*$/;
/^[\n\u0020-\u007E\u00A0-\u024F\u2010-\u2027\u2030-\u205E\u20A0-\u20C0\u3001-\u3002\u4E00-\u9FFF\uFF01-\uFF5E]*$/;

let segmenter: Intl.Segmenter | undefined;

export default class GraphemeSplitter {
  splitGraphemes(text: string): string[] {
    if (EACH_CHARACTER_ALONE.test(text)) return text.split('');
    segmenter ??= new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    return Array.from(segmenter.segment(text), (part) => part.segment);
  }
}
