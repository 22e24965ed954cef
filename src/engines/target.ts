// The project as the engines read it: only the fields they use, declared here so that engines never import
// config (config's Project fits these shapes structurally).
import type { Strategy } from '../domain/strategy';
import type { VersionedService } from '../domain/types';

/** What runs the stack: compose (one host) or Docker Swarm (`docker stack deploy`). */
export type EngineKind = 'compose' | 'swarm';

/** What compose needs to find the project (compose-cli.ts ComposeTarget is built from it). */
export interface ComposeProject {
  name: string;
  dir: string;
  composeFiles: string[];
  /** the project's env files in order: one `--env-file` each */
  envFiles: string[];
}

/** What the Swarm engine reads of the project to write a step's stack files (swarm-engine.ts). */
export interface SwarmProject {
  name: string;
  dir: string;
  composeFiles: string[];
  /** the env files' variables merged (they reach `docker stack deploy`, never its engine) */
  envVars: ReadonlyMap<string, string>;
  versioned: VersionedService[];
  compose: { services: ReadonlyMap<string, { swarm: { mode: string | null } }> };
  strategies: ReadonlyMap<string, { strategy: Strategy }>;
  health: { readinessDelayMs: number };
}

/** A project an engine can be opened for (engines/connect.ts). */
export interface EngineTarget extends ComposeProject, SwarmProject {
  engine: EngineKind;
}
