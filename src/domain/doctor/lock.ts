// lock: who holds the project's lock, and whether that holder is still there.
import type { LockHolder } from '../types';
import type { Judgement } from './check';

export function judgeLock(h: LockHolder | null, dead: boolean, thisHost: string): Judgement {
  if (!h) return { status: 'ok', summary: ['doctorLockFree', {}], fix: null, details: { holder: null } };
  const params = { holder: h.command, pid: h.pid === null ? 'manual' : String(h.pid), host: h.host, user: h.user, since: h.since, message: h.message ? ` — "${h.message}"` : '' };
  const details = { holder: h, stale: dead };
  if (h.pid === null) return { status: 'warn', summary: ['doctorLockManual', params], fix: ['doctorLockManualFix', {}], details };
  if (dead) return { status: 'warn', summary: ['doctorLockDead', params], fix: ['doctorLockDeadFix', {}], details };
  if (h.host !== thisHost) return { status: 'warn', summary: ['doctorLockOtherHost', params], fix: ['doctorLockOtherHostFix', params], details };
  return { status: 'ok', summary: ['doctorLockLive', params], fix: null, details };
}
