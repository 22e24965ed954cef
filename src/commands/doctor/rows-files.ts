// The checks of the env files: their tag variables against what runs, who may read them, .env.rollback.
import { join, resolve } from 'node:path';
import { fileExists, pathOwner } from '../../adapters/system';
import { judgeEnvFiles, judgeEnvRollback, judgeEnvTags, judgePermissions, type PathFacts } from '../../domain/doctor';
import { hookArgv } from '../../release/apply/hooks';
import { envFileFacts, envRollbackFacts, envTagFacts } from './file-facts';
import type { DoctorRow } from './table';

/** compose only: what a plain `docker compose up -d` would read against what runs (Swarm reads no env file). */
export const envTagsRow: DoctorRow = {
  id: 'env_tags',
  shown: (c) => c.project !== null && !c.swarm,
  project: true,
  engine: true,
  run: async (c) => judgeEnvTags(envTagFacts(c.project, c.env, await c.containers!), c.project.syncEnvFile),
};

export const envFileRow: DoctorRow = {
  id: 'env_file',
  run: (c) => judgeEnvFiles(envFileFacts(c.project, c.dir, c.envFileFlags)),
};

export const envRollbackRow: DoctorRow = {
  id: 'env_rollback',
  project: true,
  store: 'skip',
  run: (c) => judgeEnvRollback(envRollbackFacts(c.project, c.releases)),
};

/** The paths whose writers decide what reprise runs as root: the project, its configuration, hooks, state. */
export const permissionsRow: DoctorRow = {
  id: 'permissions',
  project: true,
  run: (c) => {
    const p = c.project;
    const candidates: Array<[string, PathFacts['role']]> = [
      [p.dir, 'project_dir'],
      [p.configFile, 'config'],
      ...p.composeFiles.map((f): [string, PathFacts['role']] => [f, 'compose']),
      ...hookScripts(p.dir, p.config.hooks).map((f): [string, PathFacts['role']] => [f, 'hook']),
      [join(p.dir, '.reprise'), 'state_dir'],
    ];
    const facts = candidates.map(([path, role]): PathFacts => {
      const o = pathOwner(path);
      return { path, role, uid: o?.uid ?? null, mode: o?.mode ?? null, link: o?.link ?? false };
    });
    return judgePermissions(facts, process.getuid?.() ?? 0);
  },
};

/** Every hook argument that names a file of the project directory (a script the hook runs). */
function hookScripts(dir: string, hooks: Record<string, unknown> | undefined): string[] {
  const out = new Set<string>();
  for (const [name, list] of Object.entries(hooks ?? {})) {
    if (name === 'timeout' || !Array.isArray(list)) continue;
    for (const command of list) {
      const argv = hookArgv(String(command));
      if (typeof argv === 'string') continue;
      for (const arg of argv) {
        const path = resolve(dir, arg);
        if ((arg.includes('/') || arg.endsWith('.sh')) && fileExists(path)) out.add(path);
      }
    }
  }
  return [...out];
}
