// What the env files say, read for the doctor's checks: who may read them and which secrets they hold, the
// version .env.rollback names, the tag compose would read for each versioned service.
import { join, relative, resolve } from 'node:path';
import { parseEnvFile } from '../../adapters/env-file/env-file';
import { fileMode, readTextOrNull } from '../../adapters/system';
import type { Project } from '../../config/project';
import type { EnvFileFacts, EnvRollbackFacts, EnvTagFacts } from '../../domain/doctor';
import { serviceContainer, type ServiceContainer } from '../../domain/containers';
import { envRollbackTarget, versionNamed } from '../../domain/env-rollback';
import { interpolate } from '../../domain/interpolate';
import { tagOf } from '../../domain/plan';
import { lastDeployedVersion } from '../../domain/previous';
import { isSecretName } from '../../domain/redact';
import type { Release } from '../../domain/types';

/** The env files to judge: each of the project's, and the .env.rollback reprise keeps (same secrets). */
export function envFileFacts(project: Project | null, dir: string, envFileFlags: string[] | undefined): EnvFileFacts[] {
  const paths = project ? [...project.envFiles, project.envRollbackFile] : envFileFlags?.length ? envFileFlags.map((f) => resolve(dir, f)) : [join(dir, '.env')];
  return [...new Set(paths)].map((path) => {
    const mode = fileMode(path);
    const text = mode === null ? null : readTextOrNull(path);
    let secretNames: string[] = [];
    try {
      if (text !== null) secretNames = [...parseEnvFile(text).entries()].filter(([k, v]) => v !== '' && isSecretName(k)).map(([k]) => k);
    } catch {
      // unreadable: nothing to judge
    }
    return { path, mode, secretNames };
  });
}

/** .env.rollback as it is, and what reprise wrote there after the last successful release. */
export function envRollbackFacts(p: Project, releases: Release[]): EnvRollbackFacts {
  const file = relative(p.dir, p.envRollbackFile) || p.envRollbackFile;
  const current = lastDeployedVersion(releases);
  const expected = current ? envRollbackTarget(releases, current) : null;
  const text = readTextOrNull(p.envRollbackFile);
  const names = text === null ? null : versionNamed(parseEnvFile(text), p.versioned.map((s) => s.tagVariable));
  return { file, exists: text !== null, names, expected, current };
}

/** Per versioned service: the tag compose would read (shell, then the env files, then the compose default) and the one running. */
export function envTagFacts(p: Project, env: NodeJS.ProcessEnv, containers: ServiceContainer[]): EnvTagFacts[] {
  const lookup = (k: string): string | undefined => env[k] ?? p.envVars.get(k);
  return p.versioned.map((s) => {
    const c = serviceContainer(containers, s.name, s.oneShot);
    const definedIn = [...p.envFileVars].reverse().find((f) => f.vars.has(s.tagVariable))?.file;
    return {
      service: s.name,
      variable: s.tagVariable,
      composeTag: tagOf(interpolate(s.imageTemplate, lookup), s.repository),
      source: env[s.tagVariable] !== undefined ? 'environment' : definedIn ? relative(p.dir, definedIn) || definedIn : 'default',
      runningTag: c ? tagOf(c.image, s.repository) : null,
    };
  });
}

/** Variables of the env files when the project could not be loaded (to mask their values all the same). */
export function fallbackEnvVars(dir: string, envFileFlags: string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of envFileFlags?.length ? envFileFlags.map((x) => resolve(dir, x)) : [join(dir, '.env')]) {
    const text = readTextOrNull(f);
    if (text === null) continue; // absent or unreadable: nothing to mask from it
    for (const [k, v] of parseEnvFile(text)) out.set(k, v);
  }
  return out;
}
