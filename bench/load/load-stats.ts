// What the load test counts: per kind of request, every latency, its outcomes, its errors.
import { median, percentile } from '../bench-support.js';

const ERROR_SAMPLES = 3;

interface KindStats {
  latencies: number[];
  errors: number;
  outcomes: Map<string, number>;
  errorSamples: string[];
}

export class LoadStats {
  private readonly kinds = new Map<string, KindStats>();
  /** Latencies and errors since the last `takeInterval`, for a progress line. */
  private interval = { latencies: [] as number[], errors: 0 };

  /** Requests since the last call: how many, p50, p99 and max latency, errors. */
  takeInterval(): string {
    const { latencies, errors } = this.interval;
    this.interval = { latencies: [], errors: 0 };
    if (!latencies.length) return '0 requests';
    const max = latencies.reduce((top, ms) => Math.max(top, ms), 0);
    return `${latencies.length} requests, p50 ${fixed(median(latencies))} ms, p99 ${fixed(percentile(latencies, 0.99))} ms, max ${fixed(max)} ms, ${errors} errors`;
  }

  private of(kind: string): KindStats {
    let stats = this.kinds.get(kind);
    if (!stats) {
      stats = { latencies: [], errors: 0, outcomes: new Map(), errorSamples: [] };
      this.kinds.set(kind, stats);
    }
    return stats;
  }

  /** One request that got the answer it should (an out-of-stock reply is an answer, not an error). */
  ok(kind: string, ms: number, outcome: string): void {
    const stats = this.of(kind);
    stats.latencies.push(ms);
    this.interval.latencies.push(ms);
    stats.outcomes.set(outcome, (stats.outcomes.get(outcome) ?? 0) + 1);
  }

  /** One request that failed: 5xx, a GraphQL error, a fault reply, a timeout, an answer that makes no sense. */
  error(kind: string, ms: number, what: string, detail: string): void {
    const stats = this.of(kind);
    stats.latencies.push(ms);
    this.interval.latencies.push(ms);
    this.interval.errors++;
    stats.errors++;
    stats.outcomes.set(`ERROR ${what}`, (stats.outcomes.get(`ERROR ${what}`) ?? 0) + 1);
    if (stats.errorSamples.length < ERROR_SAMPLES) stats.errorSamples.push(`${what}: ${detail.replace(/\s+/g, ' ').slice(0, 300)}`);
  }

  get totalRequests(): number {
    return [...this.kinds.values()].reduce((sum, stats) => sum + stats.latencies.length, 0);
  }

  get totalErrors(): number {
    return [...this.kinds.values()].reduce((sum, stats) => sum + stats.errors, 0);
  }

  /** A table: requests, requests per second (unless seconds is null), p50/p99/max latency and errors per kind, then all together. */
  table(seconds: number | null): string[] {
    const row = (name: string, latencies: number[], errors: number, outcomes: string) =>
      [
        name.padEnd(26),
        String(latencies.length).padStart(8),
        (seconds === null ? '-' : (latencies.length / seconds).toFixed(1)).padStart(8),
        fixed(latencies.length ? median(latencies) : 0).padStart(9),
        fixed(latencies.length ? percentile(latencies, 0.99) : 0).padStart(9),
        fixed(latencies.reduce((max, ms) => Math.max(max, ms), 0)).padStart(9),
        String(errors).padStart(7),
        `  ${outcomes}`,
      ].join('');
    const lines = [
      `${'kind'.padEnd(26)}${'requests'.padStart(8)}${'req/s'.padStart(8)}${'p50 ms'.padStart(9)}${'p99 ms'.padStart(9)}${'max ms'.padStart(9)}${'errors'.padStart(7)}  outcomes`,
    ];
    const names = [...this.kinds.keys()].sort();
    for (const name of names) {
      const stats = this.kinds.get(name)!;
      const outcomes = [...stats.outcomes.entries()]
        .sort((a, b) => b[1] - a[1])
        .map(([outcome, count]) => `${outcome} ${count}`)
        .join(', ');
      lines.push(row(name, stats.latencies, stats.errors, outcomes));
    }
    const all = names.flatMap((name) => this.kinds.get(name)!.latencies);
    lines.push(row('all', all, this.totalErrors, ''));
    return lines;
  }

  errorSamples(): string[] {
    return [...this.kinds.entries()].flatMap(([kind, stats]) => stats.errorSamples.map((sample) => `${kind}: ${sample}`));
  }
}

const fixed = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
