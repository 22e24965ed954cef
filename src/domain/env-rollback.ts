// Pure: what `.env.rollback` holds and the header that says so (SPEC §6; seed §4.2). It names the previous
// good version to return to; when there is none (first release, or every other version was rolled back
// from), it names the running version, the last known-good one, and its header says that and why.
import { t, type Lang } from './messages';
import { previousGoodVersion } from './previous';
import type { Release } from './types';
import { isValidVersion } from './version';

export interface EnvRollbackTarget {
  /** the version the file names */
  version: string;
  /** true: the previous good version; false: the running one, there being no previous good version */
  previous: boolean;
  /** when there is none: the other versions released successfully once (rolled back from or failed since), newest first */
  excluded: string[];
}

/** `releases` newest first; `current` the version running after the release. */
export function envRollbackTarget(releases: Release[], current: string): EnvRollbackTarget {
  const previous = previousGoodVersion(releases, current);
  if (previous) return { version: previous, previous: true, excluded: [] };
  const excluded: string[] = [];
  for (const r of releases) if (r.outcome === 'success' && r.version !== current && !excluded.includes(r.version)) excluded.push(r.version);
  return { version: current, previous: false, excluded };
}

/** The comment lines the file starts with, in the user's language. */
export function envRollbackHeader(lang: Lang, target: EnvRollbackTarget, current: string, file: string): string[] {
  if (target.previous) return [t(lang, 'envRollbackHeaderPrevious', { file, version: target.version, current })];
  if (target.excluded.length === 0) return [t(lang, 'envRollbackHeaderFirst', { file, version: target.version })];
  return [t(lang, 'envRollbackHeaderExcluded', { file, version: target.version, versions: target.excluded.join(', ') })];
}

/** The comment above tag lines appended because no env file assigns them. */
export function envRollbackAppendedComment(lang: Lang, target: EnvRollbackTarget): string {
  return t(lang, target.previous ? 'envRollbackTagsPrevious' : 'envRollbackTagsRunning', { version: target.version });
}

/** The version an env file's variables name: the value every tag variable has (null when they disagree, are unset, or name no valid version). */
export function versionNamed(vars: ReadonlyMap<string, string>, tagVariables: string[]): string | null {
  const values = new Set(tagVariables.map((v) => vars.get(v) ?? ''));
  if (values.size !== 1) return null;
  const [v] = [...values];
  return v && isValidVersion(v) ? v : null;
}
