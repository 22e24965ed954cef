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

/** This machine's boot (a new one at every boot, shared by every container of the machine); null when unknown. */
export function bootId(): string | null {
  try {
    return fs.readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim() || null;
  } catch {
    return null;
  }
}

/** This process's pid namespace ("pid:[4026531836]"); null when unknown. */
export function pidNamespace(): string | null {
  try {
    return fs.readlinkSync('/proc/self/ns/pid');
  } catch {
    return null;
  }
}

/**
 * Whether a lock holder is gone. A manual lock (pid null) is never dead; a holder on
 * another host cannot be checked, so it is never considered dead (`lock release --force` clears it). On
 * this host: a holder of an earlier boot is dead; one in another pid namespace (a container,
 * `unshare --pid`) cannot be seen from here, so it is alive; otherwise it is dead when its pid is gone or
 * now belongs to a process started at another time.
 */
export function isHolderDead(h: Pick<LockHolder, 'pid' | 'host' | 'pidStart' | 'bootId' | 'pidNs'>, thisHost: string, here: { bootId: string | null; pidNs: string | null } = { bootId: bootId(), pidNs: pidNamespace() }): boolean {
  if (h.pid === null) return false;
  if (h.host !== thisHost) return false;
  if (h.bootId && here.bootId && h.bootId !== here.bootId) return true;
  if (h.pidNs && here.pidNs && h.pidNs !== here.pidNs) return false;
  const start = pidStartTime(h.pid);
  if (start === null) return true;
  return h.pidStart !== null && start !== h.pidStart;
}
