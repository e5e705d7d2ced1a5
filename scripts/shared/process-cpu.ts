/**
 * CPU time from /proc (Linux only; 0 elsewhere), for benchmarks on a shared machine, where CPU time
 * says more than wall time: of one process, and of a whole PostgreSQL cluster.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on Linux

/** The fields of /proc/PID/stat after the command: state is index 0, utime 11, stime 12, cutime 13, cstime 14. */
function stat(pid: string | number): string[] {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
}

/** CPU seconds (user + system, all threads) a process has used so far. */
export function processCpuSeconds(pid: number): number {
  try {
    const fields = stat(pid);
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds used so far by the PostgreSQL cluster in `dataDir`: the postmaster, its live children
 * (backends, WAL writer, checkpointer…) and the children that have exited (cutime/cstime).
 */
export function databaseCpuSeconds(dataDir: string): number {
  try {
    const postmaster = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]!.trim();
    const own = stat(postmaster);
    let total = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    const children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
    for (const child of children) {
      try {
        const s = stat(child);
        total += Number(s[11]) + Number(s[12]);
      } catch {
        // exited meanwhile: counted in cutime/cstime
      }
    }
    return total / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}
