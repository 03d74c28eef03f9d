import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Import boundaries are checked by dependency-cruiser (`npm run boundaries`); this checks where files sit.
const core = join(import.meta.dirname, '../../core');
const entries = readdirSync(core, { withFileTypes: true });

describe('core/', () => {
  it('holds folders only: every file belongs to a domain, or to db/, common/ or config/', () => {
    expect(entries.filter((entry) => !entry.isDirectory()).map((entry) => entry.name)).toEqual([]);
  });

  it('gives every folder an index.ts, its public face', () => {
    const withoutIndex = entries.filter((entry) => entry.isDirectory() && !existsSync(join(core, entry.name, 'index.ts')));
    expect(withoutIndex.map((entry) => entry.name)).toEqual([]);
  });
});
