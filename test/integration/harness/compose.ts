// Plain compose, without reprise: as the operator (or an old script) runs it.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { TAG_VARS, type ComposeFlavour } from './paths';
import type { Project } from './project';

export function composeV2Available(): boolean {
  const r = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  return r.status === 0;
}

export function composeCmd(flavour: ComposeFlavour): { program: string; prefix: string[] } {
  return flavour === 'v2' ? { program: 'docker', prefix: ['compose'] } : { program: 'docker-compose', prefix: [] };
}

/** Runs plain compose in the project dir with an environment free of tag variables. */
export function plainCompose(p: Project, args: string[], flavour: ComposeFlavour = p.compose): SpawnSyncReturns<string> {
  const { program, prefix } = composeCmd(flavour);
  const env = { ...process.env };
  for (const v of TAG_VARS) delete env[v];
  return spawnSync(program, [...prefix, ...args], { cwd: p.dir, env, encoding: 'utf8', timeout: 180_000 });
}
