// versions: which versions can still be deployed or rolled back to, from the images there are.
import type { VersionedService } from '../types';
import type { VersionInfo } from '../versions';
import type { Judgement } from './check';

/** Tags of the same repositories that belong to other projects (counted, never judged). */
export interface VersionsElsewhere {
  count: number;
  projects: Array<{ project: string; count: number }>;
}

/**
 * Incomplete versions (some images of the version exist, not all) are a warning; the rollback target
 * (previous good version) or the running version incomplete is a failure: the rollback or the next
 * recreate would be refused. Versions with no image left (pruned, only in the history) are listed
 * in the details only.
 */
/**
 * `catalogue`: this project's versions only; `elsewhere`: the tags of the same repositories that belong to
 * other projects — counted in the details, never judged (so never suggested for removal).
 */
export function judgeVersions(catalogue: VersionInfo[], services: VersionedService[], current: string | null, previous: string | null, elsewhere: VersionsElsewhere | null = null): Judgement {
  const all = services.length;
  const image = (v: string, svc: string): string => `${services.find((s) => s.name === svc)?.repository ?? svc}:${v}`;
  const incomplete = catalogue.filter((v) => !v.complete && v.missing.length < all);
  const gone = catalogue.filter((v) => !v.complete && v.missing.length >= all).map((v) => v.version);
  const complete = catalogue.filter((v) => v.complete).map((v) => v.version);
  const critical = catalogue.filter((v) => !v.complete && (v.version === previous || v.version === current));
  const details = {
    complete,
    incomplete: incomplete.map((v) => ({ version: v.version, missing: v.missing, images: v.missing.map((s) => image(v.version, s)) })),
    withoutImages: gone,
    current,
    previous,
    elsewhere: elsewhere ? { count: elsewhere.count, projects: elsewhere.projects } : null,
  };
  if (critical.length) {
    const v = critical[0];
    return {
      status: 'fail',
      summary: [v.version === previous ? 'doctorVersionsTargetIncomplete' : 'doctorVersionsCurrentIncomplete', { version: v.version, missing: v.missing }],
      fix: ['doctorVersionsFix', { images: v.missing.map((s) => image(v.version, s)) }],
      details,
    };
  }
  if (incomplete.length) {
    return {
      status: 'warn',
      summary: ['doctorVersionsIncomplete', { list: incomplete.map((v) => `${v.version} (${v.missing.join(', ')})`).join('; ') }],
      fix: ['doctorVersionsFix', { images: incomplete.flatMap((v) => v.missing.map((s) => image(v.version, s))) }],
      details,
    };
  }
  return { status: 'ok', summary: ['doctorVersionsOk', { count: complete.length, current: current ?? '-', previous: previous ?? '-' }], fix: null, details };
}
