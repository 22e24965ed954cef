// Which env files a project reads: the ones named (`--env-file`, `env_file:`) or compose's default `.env`,
// and which of them another environment of the same configuration shares.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RepriseError } from '../domain/errors';
import type { RawConfig } from './schema';

/**
 * The env files named by `--env-file`, `env_file:` (a path or a list) or, when none is, `.env` if present
 * (compose's default): absolute paths, in the order given. A named file that does not exist is CONFIG_INVALID.
 */
export function envFilesOf(dir: string, named: string | string[] | null): string[] {
  if (named === null) return existsSync(join(dir, '.env')) ? [join(dir, '.env')] : [];
  const files = (Array.isArray(named) ? named : [named]).map((f) => resolve(dir, f));
  for (const file of files) {
    if (!existsSync(file)) throw new RepriseError('CONFIG_INVALID', 'configInvalid', { file, line: 0, key: 'env_file', problem: 'file not found' });
  }
  return files;
}

/** The env files of this selection that another environment of the configuration uses too. */
export function sharedEnvFiles(dir: string, config: RawConfig, envName: string | null, mine: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [other, cfg] of Object.entries(config.environments ?? {})) {
    if (other === envName) continue;
    const named = cfg.env_file ?? config.env_file ?? null;
    const theirs = named === null ? [join(dir, '.env')] : (Array.isArray(named) ? named : [named]).map((f) => resolve(dir, f));
    for (const f of mine) if (theirs.includes(f)) out.set(f, [...(out.get(f) ?? []), other]);
  }
  return out;
}

