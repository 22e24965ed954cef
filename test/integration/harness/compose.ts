// Plain compose, without reprise: as the operator (or an old script) runs it.
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { TAG_VARS, type ComposeFlavour } from './paths';
import type { Project } from './project';

export function composeV2Available(): boolean {
  const r = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
  return r.status === 0;
}

/** One row per compose flavour of a scenario table: v1, and v2 (skipped, with the reason, when it is not installed); slot: the row's ports. */
export function composeFlavourRows(): Array<{ flavour: ComposeFlavour; slot: number; skip: string | false }> {
  return [
    { flavour: 'v1', slot: 0, skip: false },
    { flavour: 'v2', slot: 1, skip: composeV2Available() ? false : 'compose v2 is not installed here (`docker compose version` failed)' },
  ];
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
