import { afterEach, describe, expect, it, vi } from 'vitest';
import { asService, logger, maskPhones, SERVICES } from '../../core/telemetry/index.js';

afterEach(() => vi.restoreAllMocks());

/** The lines the logger writes while `log` runs. */
async function linesLogged(log: () => void | Promise<void>): Promise<string[]> {
  const written: string[] = [];
  const capture = (chunk: string | Uint8Array) => {
    written.push(String(chunk));
    return true;
  };
  vi.spyOn(process.stdout, 'write').mockImplementation(capture);
  vi.spyOn(process.stderr, 'write').mockImplementation(capture);
  await log();
  return written.join('').split('\n').filter(Boolean);
}

describe('logs', () => {
  it('masks phone numbers to their last 3 digits, leaving other numbers and ids alone', () => {
    expect(maskPhones('to +255754100010 and 254712345678')).toBe('to **********010 and *********678');
    expect(maskPhones('order ABC123 at 2026-11-29T03:04:05.000Z, ws_CO_191220191020363925, 1650000')).toBe(
      'order ABC123 at 2026-11-29T03:04:05.000Z, ws_CO_191220191020363925, 1650000',
    );
  });

  it('writes one JSON object a line, with every phone masked wherever it appears', async () => {
    const lines = await linesLogged(() => {
      logger.warn('notification refused for +255754100010', { outboxId: 'T9DK2X-SHIPPED-255754100010', to: '+255754100010' });
      logger.error('fault', { error: new Error('could not reach +255754100010') });
    });
    expect(lines).toHaveLength(2);
    const [warning, fault] = lines.map((line) => JSON.parse(line));
    expect(warning).toMatchObject({ level: 'WARN', to: '**********010', message: 'notification refused for **********010' });
    expect(fault.level).toBe('ERROR');
    expect(lines.join('\n')).not.toMatch(/255754100010/);
  });

  it('names on every line the service of the function whose handler logged it, handlers running side by side', async () => {
    const pause = () => new Promise((resume) => setTimeout(resume, 5));
    const handler = async (id: number) => {
      logger.warn('handler started', { id });
      await pause();
      logger.error('handler failed', { id });
    };
    const sms = asService(SERVICES.sms, handler);
    const ussd = asService(SERVICES.ussd, handler);
    const lines = (await linesLogged(() => Promise.all([sms(1), ussd(2), sms(3)]).then(() => {}))).map((line) => JSON.parse(line));
    expect(lines).toHaveLength(6);
    const serviceOf = (id: number) => [...new Set(lines.filter((line) => line.id === id).map((line) => line.service))];
    expect([serviceOf(1), serviceOf(2), serviceOf(3)]).toEqual([['sms'], ['ussd'], ['sms']]);
    // Started side by side: the lines interleave, each still naming its own function.
    expect(lines.map((line) => line.id)).toEqual([1, 2, 3, 1, 2, 3]);
  });
});
