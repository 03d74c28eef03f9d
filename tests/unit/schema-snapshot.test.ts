import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printedSchema, SCHEMA_FILE } from '../../schema/printed-schema.js';

describe('the printed schema', () => {
  it('matches the committed schema.graphql (run `npm run print-schema` after a deliberate change)', () => {
    expect(printedSchema()).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });
});
