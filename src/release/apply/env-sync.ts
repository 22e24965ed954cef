// After a successful release: the tag-variable lines of the project's env files name the version that runs,
// so that a plain `docker compose up -d` with the project's files and env files changes nothing (SPEC §8).
// Only those lines are rewritten (atomically, mode, owner and every other byte kept); the tags still reach
// compose through the process environment as before. A problem is a warning: the release stays a success.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { planTagSync, rewriteTagLines, SYNC_COMMENT } from '../../adapters/env-file/tag-lines';
import { writeFileAtomic } from '../../adapters/fs/atomic';
import { replaceFileKeepingAttributes } from '../../adapters/fs/replace';
import { say, warn, type OpContext } from '../context';
import { tagsFor } from '../resolve/resolve';

export interface EnvSyncResult {
  /** files written, relative to the project directory */
  files: string[];
  /** variables whose line changed or was added */
  variables: string[];
  /** the project had no env file: `.env` was created */
  created: boolean;
}

/** Keeps the env files' tag lines in step with `version`; null when off, nothing to do, or not possible (said why). */
export function syncEnvFile(ctx: OpContext, version: string): EnvSyncResult | null {
  const p = ctx.project;
  if (!p.syncEnvFile) return null;
  const rel = (f: string): string => relative(p.dir, f) || f;
  try {
    const tags = tagsFor(p, version);
    const files = p.envFiles.filter((f) => existsSync(f));
    if (files.length === 0) return createEnvFile(ctx, version, tags, rel);
    const plans = planTagSync(files.map((file) => ({ file, text: readFileSync(file, 'utf8') })), tags);
    const written: string[] = [];
    const variables: string[] = [];
    for (const plan of plans) {
      const others = p.envFilesSharedWith.get(plan.file);
      if (others?.length) {
        warn(ctx, 'envSyncShared', { file: rel(plan.file), others });
        continue;
      }
      const r = rewriteTagLines(readFileSync(plan.file, 'utf8'), plan.values, plan.append);
      if (r.changed.length === 0 && r.appended.length === 0) continue;
      replaceFileKeepingAttributes(plan.file, r.text);
      written.push(rel(plan.file));
      variables.push(...r.changed, ...r.appended);
    }
    if (written.length === 0) return null;
    say(ctx, 'envSyncDone', { files: written, variables, version });
    return { files: written, variables, created: false };
  } catch (e) {
    warn(ctx, 'envSyncFailed', { problem: (e as Error).message });
    return null;
  }
}

/**
 * No env file: `.env` (compose's default, mode 0600) holding only the tag lines — when compose reads it by
 * default (the first compose file is in the project directory) and no environment could share it.
 */
function createEnvFile(ctx: OpContext, version: string, tags: Record<string, string>, rel: (f: string) => string): EnvSyncResult | null {
  const p = ctx.project;
  const file = join(p.dir, '.env');
  if (Object.keys(p.config.environments ?? {}).length > 0 || dirname(p.composeFiles[0] ?? '') !== p.dir || existsSync(file)) {
    warn(ctx, 'envSyncNoFile', { version, environment: p.environment ?? '-' });
    return null;
  }
  writeFileAtomic(file, [SYNC_COMMENT, ...Object.entries(tags).map(([k, v]) => `${k}=${v}`), ''].join('\n'), 0o600);
  say(ctx, 'envSyncCreated', { file: rel(file), version });
  return { files: [rel(file)], variables: Object.keys(tags), created: true };
}
