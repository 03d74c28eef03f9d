import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { issueApiKey } from '../../core/access/api-key-service.js';
import { createStore } from '../../core/db/store.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// Never reached: a refused lifetime is refused before anything is written.
const store = createStore({ tableName: 'unused', region: 'eu-west-1', endpoint: 'http://127.0.0.1:9' });

describe('an API key lifetime', () => {
  it('is at least one whole second, never a key without expiry', async () => {
    await expect(issueApiKey(store, { kind: 'ADMIN' }, 'x', new Date(), 0)).rejects.toThrow('at least one whole second');
    await expect(issueApiKey(store, { kind: 'ADMIN' }, 'x', new Date(), 0.4)).rejects.toThrow('at least one whole second');
  });

  it('is refused by create-key when --days rounds to no second', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'local/create-key.ts', '--admin', '--days', '0.000001'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TABLE_NAME: 'unused' },
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('--days must be at least one second');
  });
});
