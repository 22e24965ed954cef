// interrupted: an operation whose journal is still there while no live process holds the lock.
import type { Params } from '../errors';
import { t, type Lang } from '../messages';
import type { JournalEntry } from '../types';
import type { DoctorCheck } from './check';

/** `params`: the journal as the message names it (release/guard.ts interruptedParams). */
export function interruptedCheck(lang: Lang, j: JournalEntry | null, params: Params): DoctorCheck {
  if (!j) return { id: 'interrupted', status: 'ok', summary: t(lang, 'doctorInterruptedNone'), details: { journal: null }, fix: null };
  return { id: 'interrupted', status: 'fail', summary: t(lang, 'doctorInterrupted', params), details: { journal: j }, fix: t(lang, 'doctorInterruptedFix') };
}
