// emergency [VERSION]: seed §4.2 as one command — straight back to the last known-good version, no prompt.
import { existsSync, readFileSync } from 'node:fs';
import { parseEnvFile } from '../adapters/env-file/env-file';
import { assertValidVersion } from '../domain/version';
import { versionNamed } from '../domain/env-rollback';
import type { Project } from '../config/project';
import { warn, type OpContext } from '../release/context';
import { rollback, type RollbackResult } from './rollback';

/**
 * The version `.env.rollback` names: the value every tag variable has there (null when the file is
 * missing, or names no valid version, or the services disagree).
 */
export function envRollbackVersion(project: Pick<Project, 'envRollbackFile' | 'versioned'>): string | null {
  if (!existsSync(project.envRollbackFile)) return null;
  let vars: Map<string, string>;
  try {
    vars = parseEnvFile(readFileSync(project.envRollbackFile, 'utf8'));
  } catch {
    return null;
  }
  return versionNamed(vars, project.versioned.map((s) => s.tagVariable));
}

export interface EmergencyOptions {
  version?: string;
  reason?: string | null;
}

export async function emergency(ctx: OpContext, opts: EmergencyOptions): Promise<RollbackResult> {
  if (opts.version !== undefined) assertValidVersion(opts.version);
  const fallbackVersion = envRollbackVersion(ctx.project);
  if (!fallbackVersion && !opts.version) warn(ctx, 'emergencyNoEnvRollback', { file: ctx.project.envRollbackFile });
  return rollback(ctx, {
    version: opts.version,
    yes: true,
    trigger: 'emergency',
    reason: opts.reason ?? null,
    emergency: { fallbackVersion, fallbackSource: ctx.project.envRollbackFile },
  });
}
