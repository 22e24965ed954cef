import * as fs from 'node:fs';
import type { LockHolder } from '../../domain/types';

/**
 * Start time of a process (field 22 of /proc/<pid>/stat, in clock ticks since boot),
 * or null when there is no such process. Tells a live holder from a reused pid.
 */
export function pidStartTime(pid: number): string | null {
  if (!Number.isInteger(pid) || pid <= 0) return null;
  let stat: string;
  try {
    stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Field 2 (comm) is in parentheses and may contain spaces or ')': split after the last ')'.
  const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // A zombie (killed, not yet reaped by its parent) no longer runs anything.
  if (rest[0] === 'Z' || rest[0] === 'X') return null;
  // rest[0] is field 3 (state), so field 22 is rest[19].
  return rest[19] ?? null;
}

/**
 * Whether a lock holder is gone. A manual lock (pid null) is never dead; a holder on
 * another host cannot be checked, so it is never considered dead. On this host it is
 * dead when its pid is gone or now belongs to a process started at another time.
 */
export function isHolderDead(h: LockHolder, thisHost: string): boolean {
  if (h.pid === null) return false;
  if (h.host !== thisHost) return false;
  const start = pidStartTime(h.pid);
  if (start === null) return true;
  return h.pidStart !== null && start !== h.pidStart;
}
