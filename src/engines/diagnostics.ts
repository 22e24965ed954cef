// What `reprise doctor` asks of the Docker engine beyond the reads: the engine itself (where it is, whether
// it answers, the compose tool beside it) whatever the project, and a project's engine (its swarm).
import type { ComposeFilesVerdict, ComposeTool, DaemonReading, EngineWhere, SwarmEngineFacts } from '../domain/doctor';
import type { DeclaredService } from './reads';
import type { ComposeProject } from './target';

/** The engine the environment points at, and the compose reprise drives there; no project needed. */
export interface HostDiagnostics {
  /** where the engine is; null when reprise cannot use what the environment points at */
  readonly where: EngineWhere | null;
  /** the daemon's version and API range, or why it does not answer */
  daemon(): Promise<DaemonReading>;
  /** the compose reprise drives; throws COMPOSE_UNAVAILABLE when there is none */
  composeTool(): Promise<ComposeTool>;
  /** `compose config -q` on the project's files (CONFIG_INVALID thrown when this compose cannot read its env files) */
  composeFiles(project: ComposeProject): Promise<ComposeFilesVerdict>;
}

/** What doctor asks of a project's engine beyond its reads. */
export interface EngineDiagnostics {
  /** Swarm's state, nodes and `docker stack` client; null when the engine is no swarm (compose). */
  swarmState(): Promise<SwarmEngineFacts | null>;
  /** declared() for a report: a node that is no manager (503) declares nothing rather than failing. */
  declaredForReport(): Promise<Map<string, DeclaredService> | null>;
}
