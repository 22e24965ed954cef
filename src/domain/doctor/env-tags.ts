// env_tags: the tag variables of the env files against what runs (issue 17).
import type { Judgement } from './check';

export interface EnvTagFacts {
  service: string;
  variable: string;
  /** the tag a plain `docker compose up -d` would give the service (env files, shell, compose default) */
  composeTag: string | null;
  /** where that value comes from: an env file (its path), `environment` (the shell), or `default` */
  source: string;
  /** the tag its container runs; null when none runs */
  runningTag: string | null;
}

/**
 * After a release, a plain `docker compose up -d` with the project's files and env files must change nothing:
 * every running versioned service's tag must be the one compose would read. warn otherwise, with the lines to set.
 */
export function judgeEnvTags(facts: EnvTagFacts[], syncOn: boolean): Judgement {
  const running = facts.filter((f) => f.runningTag !== null);
  const differ = running.filter((f) => f.composeTag !== f.runningTag);
  const details = { syncEnvFile: syncOn, services: facts, differ: differ.map((f) => f.service) };
  if (running.length === 0) return { status: 'ok', summary: ['doctorEnvTagsNothing', {}], fix: null, details };
  if (differ.length === 0) return { status: 'ok', summary: ['doctorEnvTagsOk', { count: running.length }], fix: null, details };
  const seen = new Set<string>();
  const lines: string[] = [];
  const shell: string[] = [];
  for (const f of differ) {
    if (seen.has(f.variable)) continue;
    seen.add(f.variable);
    if (f.source === 'environment') shell.push(f.variable);
    lines.push(`${f.variable}=${f.runningTag}${f.source === 'environment' || f.source === 'default' ? '' : ` (${f.source})`}`);
  }
  return {
    status: 'warn',
    summary: ['doctorEnvTagsDiffer', { list: differ.map((f) => `${f.service}: ${f.variable}=${f.composeTag ?? '?'} (${f.source}) ≠ ${f.runningTag}`).join('; ') }],
    fix: [syncOn ? 'doctorEnvTagsFix' : 'doctorEnvTagsFixOff', { lines, shell: shell.length ? shell : '-' }],
    details,
  };
}
