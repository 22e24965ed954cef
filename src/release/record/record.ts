// Step 5 (record): metrics file entry for every rollback attempt, .env.rollback after every success.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { appendMetricsEntry } from '../../adapters/metrics-file';
import { concatEnvTexts, parseEnvFile, renderWithOverrides, writeFileAtomic } from '../../adapters/env-file';
import { collectSystemMetrics } from '../../adapters/system';
import { buildMetricsEntry } from '../../domain/metrics';
import { redact } from '../../domain/redact';
import { envRollbackAppendedComment, envRollbackHeader, envRollbackTarget, versionNamed } from '../../domain/env-rollback';
import type { DataRestoreRecord, ReleaseTrigger } from '../../domain/types';
import { projectSecrets, say, warn, type OpContext } from '../context';
import { tagsFor } from '../resolve/resolve';

export interface MetricsRecord {
  trigger: ReleaseTrigger;
  outcome: 'success' | 'failed' | 'cancelled';
  version: string;
  fromVersion: string | null;
  startedAt: Date;
  finishedAt: Date;
  services: Record<string, number>;
  error?: { code: string; message: string } | null;
  dataRestored?: DataRestoreRecord[] | null;
}

/** Never fails the operation: problems are reported and recorded as events. */
export async function recordRollbackMetrics(ctx: OpContext, rec: MetricsRecord): Promise<void> {
  try {
    const system = await collectSystemMetrics(ctx.project.dir, {
      containersRunning: async () => (await ctx.engine.counts()).containersRunning,
      imagesCount: async () => (await ctx.engine.counts()).images,
    });
    // whatever step wrote it, the error message leaves masked (a health URL's token, a secret in an error text)
    const error = rec.error ? { ...rec.error, message: redact(rec.error.message, projectSecrets(ctx)) } : rec.error;
    const dataRestored = rec.dataRestored?.map((d) => (d.error ? { ...d, error: redact(d.error, projectSecrets(ctx)) } : d));
    const entry = buildMetricsEntry({ ...rec, error, dataRestored, hostname: ctx.host, user: ctx.user, system, project: ctx.project.name, environment: ctx.project.environment });
    // the environments of a project directory share logs/rollback-metrics.json: one writer at a time
    const { warning, imported } = ctx.store.exclusive(() => appendMetricsEntry(ctx.project.metricsFile, entry));
    if (warning) {
      warn(ctx, 'metricsWarning', { problem: warning });
      ctx.store.addEvent(ctx.project.name, 'metrics_file_reset', warning);
    }
    if (imported > 0) {
      // the guide's old script wrote the file (one object per rollback): its entries are now the array's first
      const file = relative(ctx.project.dir, ctx.project.metricsFile);
      say(ctx, 'metricsImported', { file, count: imported });
      ctx.store.addEvent(ctx.project.name, 'metrics_imported', `${file}: imported ${imported} entr${imported === 1 ? 'y' : 'ies'} of the old rollback.sh (concatenated JSON objects) into the JSON array`, { file, imported });
    }
  } catch (e) {
    const problem = (e as Error).message;
    warn(ctx, 'metricsWarning', { problem });
    try {
      ctx.store.addEvent(ctx.project.name, 'metrics_write_failed', problem);
    } catch {
      // the store itself failed: the warning above is all we can do
    }
  }
}

/**
 * Rewrites .env.rollback: the project's env file with every tag variable set to the previous good version.
 * When no previous good version is left (e.g. after rolling back to the oldest one), it names the current
 * version, the last known-good one, rather than keeping a stale target. Its first line says which of the two
 * it holds (and why there is no previous good version). Written after every successful release, so a file
 * an old script deleted comes back at the next one.
 */
export function refreshEnvRollback(ctx: OpContext, current: string): string | null {
  try {
    const target = envRollbackTarget(ctx.store.listReleases(ctx.project.name), current);
    // several env files: one file holding them all in compose's order (compose v1 and the manual §4.2
    // command take a single --env-file), each under a `# from FILE` line
    const text = concatEnvTexts(ctx.project.envFiles.filter((f) => existsSync(f)).map((f) => ({ label: relative(ctx.project.dir, f) || f, text: readFileSync(f, 'utf8') })));
    const body = renderWithOverrides(text, tagsFor(ctx.project, target.version), envRollbackAppendedComment(ctx.lang, target));
    const eol = body.includes('\r\n') ? '\r\n' : '\n';
    const header = envRollbackHeader(ctx.lang, target, current, relative(ctx.project.dir, ctx.project.envRollbackFile));
    writeFileAtomic(ctx.project.envRollbackFile, header.map((l) => l + eol).join('') + body, 0o600);
    return target.version;
  } catch (e) {
    warn(ctx, 'envRollbackWarning', { problem: (e as Error).message });
    return null;
  }
}

/**
 * Writes .env.rollback again when it is missing or names another version than reprise wrote there (an old
 * script deleted or rewrote it), where no release writes it (deploying the version already running). Returns
 * the version written; null when nothing needed writing or nothing was ever released successfully.
 */
export function ensureEnvRollback(ctx: OpContext, current: string): string | null {
  const releases = ctx.store.listReleases(ctx.project.name);
  if (!releases.some((r) => r.outcome === 'success')) return null;
  let names: string | null = null;
  try {
    names = versionNamed(parseEnvFile(readFileSync(ctx.project.envRollbackFile, 'utf8')), ctx.project.versioned.map((s) => s.tagVariable));
  } catch {
    // absent or unreadable: written below
  }
  if (names === envRollbackTarget(releases, current).version) return null;
  const written = refreshEnvRollback(ctx, current);
  if (written) say(ctx, 'envRollbackRestored', { file: relative(ctx.project.dir, ctx.project.envRollbackFile), version: written });
  return written;
}
