// Turning judgements into the checks doctor reports: translated, skipped when a fact is missing, failed when
// gathering a fact threw, and never carrying a secret value.
import { isRepriseError } from '../errors';
import { hint, t, type Lang, type MessageKey } from '../messages';

import type { DoctorCheck, DoctorCheckId, Judgement } from './check';

export function translated(lang: Lang, id: DoctorCheckId, j: Judgement): DoctorCheck {
  return { id, status: j.status, summary: t(lang, j.summary[0], j.summary[1]), details: j.details, fix: j.fix ? t(lang, j.fix[0], j.fix[1]) : null };
}

export function skippedCheck(lang: Lang, id: DoctorCheckId, key: MessageKey): DoctorCheck {
  return { id, status: 'skipped', summary: t(lang, key), details: {}, fix: null };
}

/** A check whose facts could not be gathered: the error is its finding, the error's hint its fix. */
export function failedCheck(lang: Lang, id: DoctorCheckId, e: unknown): DoctorCheck {
  return {
    id,
    status: 'fail',
    summary: t(lang, 'doctorCheckError', { reason: errorText(lang, e) }),
    details: { error: errorText(lang, e) },
    fix: isRepriseError(e) ? hint(lang, e.key, e.params) : null,
  };
}

/** A check that needs the state store, which exists but cannot be read. */
export function storeUnreadableCheck(lang: Lang, id: DoctorCheckId, file: string, e: unknown): DoctorCheck {
  const reason = (e as Error).message;
  return { id, status: 'fail', summary: t(lang, 'doctorStoreUnreadable', { file, reason }), details: { file, error: reason }, fix: t(lang, 'doctorStoreFix', { file }) };
}

export function errorText(lang: Lang, e: unknown): string {
  if (isRepriseError(e)) return `${e.code}: ${t(lang, e.key, e.params)}`;
  return (e as Error)?.message ?? String(e);
}
