// Which source each byte of a bundle came from, read from the bundle's own source map: the deployed
// asset carries no build metadata, and its map is what ties its code to our files and packages.

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...BASE64].map((char, value) => [char, value]));

/** A segment's fields: base64 VLQ, sign in the lowest bit, 5 bits a digit, the sixth bit for "more". */
function decodeSegment(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char)!;
    value += (digit & 31) * 2 ** shift;
    shift += 5;
    if (digit & 32) continue;
    fields.push(value & 1 ? -(value - 1) / 2 : value / 2);
    value = 0;
    shift = 0;
  }
  return fields;
}

/** The bytes of `code` that each source contributed, by the source's path as the map names it. */
export function bytesBySource(code: string, map: { sources: string[]; mappings: string }): Map<string, number> {
  const bytes = new Map<string, number>();
  const lines = code.split('\n');
  let source = 0;
  for (const [index, mappings] of map.mappings.split(';').entries()) {
    const line = lines[index] ?? '';
    let column = 0;
    // Each segment covers its line from its column to the next segment's; [column] alone maps to no source.
    const segments = mappings ? mappings.split(',').map(decodeSegment) : [];
    const starts = segments.map((fields) => {
      column += fields[0]!;
      if (fields.length > 1) source += fields[1]!;
      return { column, source: fields.length > 1 ? source : undefined };
    });
    for (const [i, start] of starts.entries()) {
      if (start.source === undefined) continue;
      const path = map.sources[start.source]!;
      const size = Buffer.byteLength(line.slice(start.column, starts[i + 1]?.column ?? line.length));
      bytes.set(path, (bytes.get(path) ?? 0) + size);
    }
  }
  return bytes;
}
