// Stands in for grapheme-splitter in the bundles (infra/function-bundling.ts), which
// sms-segments-calculator uses to count a text's characters: Node's own Intl.Segmenter splits
// text into the same user-perceived characters (by a newer edition of the Unicode rules) without
// the 23 KB of tables the package carries.
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

export default class GraphemeSplitter {
  splitGraphemes(text: string): string[] {
    return Array.from(segmenter.segment(text), (part) => part.segment);
  }
}
