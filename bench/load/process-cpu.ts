// CPU time of a process and of its descendants, from /proc (Linux): the server's own, and its
// DynamoDB Local's (a Java child process).
import { readdirSync, readFileSync } from 'node:fs';

const CLOCK_TICKS = 100;

/** pid -> [parent pid, user + system CPU ticks]. */
function processTable(): Map<number, [number, number]> {
  const table = new Map<number, [number, number]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // Fields after the command name, which is in parentheses and may hold spaces.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      table.set(Number(entry), [Number(fields[1]), Number(fields[11]) + Number(fields[12])]);
    } catch {
      // The process ended while we looked.
    }
  }
  return table;
}

/**
 * CPU seconds the process (`server`) and its descendants (`dynamo`: null when it has none, as when it
 * uses a DynamoDB Local it did not start) have used so far; null without /proc.
 */
export function cpuSeconds(pid: number | undefined): { server: number; dynamo: number | null } | null {
  if (pid === undefined) return null;
  try {
    const table = processTable();
    const own = table.get(pid);
    if (!own) return null;
    let descendants = 0;
    let children = 0;
    const queue = [pid];
    while (queue.length) {
      const parent = queue.shift()!;
      for (const [child, [ppid, ticks]] of table) {
        if (ppid !== parent) continue;
        descendants += ticks;
        children++;
        queue.push(child);
      }
    }
    return { server: own[1] / CLOCK_TICKS, dynamo: children ? descendants / CLOCK_TICKS : null };
  } catch {
    return null;
  }
}
