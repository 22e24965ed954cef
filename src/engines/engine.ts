// The engine interface: what reprise needs from whatever runs the stack: compose (one host) or Docker Swarm.
// One small interface per role; `Engine` is what every operation uses (and test fakes implement);
// `DoctorEngine` adds what doctor asks beyond it. The compose and Swarm engines implement both (null-engine.ts
// answers for an engine that cannot be used).
import type { EngineApply } from './apply';
import type { ContainerOps, TwinOps } from './container-ops';
import type { EngineDiagnostics } from './diagnostics';
import type { DataOps } from './data-ops';
import type { ImageOps } from './image-ops';
import type { EngineReads } from './reads';

export type { ContainerStats, DeclaredService, EngineContainer, EngineReads, HealthStatus, LocalImage, ServiceContainer } from './reads';
export type { ApplyRequest, EngineApply, ImageRemoval, RolloutState } from './apply';
export type { ContainerOps, TwinOps } from './container-ops';
export type { EngineDiagnostics, HostDiagnostics } from './diagnostics';
export type { ImageInfo, ImageOps, RegistryAuth } from './image-ops';
export type { DataOps, ExecToFileResult, InContainerResult } from './data-ops';

export type Engine = EngineReads & EngineApply & ContainerOps & TwinOps & ImageOps & DataOps;

/** The engine doctor reads through (engines/connect.ts opens it). */
export type DoctorEngine = Engine & EngineDiagnostics;
