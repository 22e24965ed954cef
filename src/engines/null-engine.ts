// The engine of a project whose Docker engine or compose cannot be used: reads answer empty or unknown,
// every change throws the error that says why (the same DOCKER_UNAVAILABLE or COMPOSE_UNAVAILABLE the real
// engines throw), so that commands which only look can still run.
import { RepriseError } from '../domain/errors';
import type { DoctorEngine } from './engine';
import type { ContainerStats, DeclaredService, EngineContainer, LocalImage, ServiceContainer } from './reads';
import type { ImageRemoval, RolloutState } from './apply';
import type { HealthcheckRun } from '../domain/healthcheck';
import type { Readable } from 'node:stream';
import type { ImageInfo } from './image-ops';
import type { ExecToFileResult, InContainerResult, VolumeMount } from './data-ops';

export { composeUnavailable } from './compose/compose-cli';

/** The Docker engine does not answer (what the Engine API client throws: DOCKER_UNAVAILABLE). */
export function engineUnavailable(reason: string): RepriseError {
  return new RepriseError('DOCKER_UNAVAILABLE', 'dockerUnavailable', { reason });
}

export class NullEngine implements DoctorEngine {
  constructor(
    /** the engine the project asked for (compose, swarm): what messages name */
    readonly name: string,
    /** why it cannot be used: thrown by every change */
    readonly unusable: RepriseError,
  ) {}

  // --- reads: nothing runs, nothing is known ---
  async containers(): Promise<ServiceContainer[]> {
    return [];
  }

  async container(): Promise<ServiceContainer | null> {
    return null;
  }

  async images(): Promise<LocalImage[]> {
    return [];
  }

  async logs(): Promise<string> {
    return '';
  }

  async inspectRaw(): Promise<Record<string, unknown> | null> {
    return null;
  }

  async logsSince(): Promise<string> {
    return '';
  }

  async stats(): Promise<ContainerStats | null> {
    return null;
  }

  async counts(): Promise<{ containersRunning: number; images: number }> {
    return { containersRunning: 0, images: 0 };
  }

  async imagesInUse(): Promise<Set<string>> {
    return new Set();
  }

  async allContainers(): Promise<EngineContainer[]> {
    return [];
  }

  async declared(): Promise<Map<string, DeclaredService> | null> {
    return null;
  }

  async readFile(): Promise<string | null> {
    return null;
  }

  async processes(): Promise<Array<{ pid: number; command: string }>> {
    return [];
  }

  async addressBeside(): Promise<string | null> {
    return null;
  }

  async healthcheck(): Promise<null> {
    return null;
  }

  async runHealthcheck(): Promise<HealthcheckRun | null> {
    return null;
  }

  async swarmState(): Promise<null> {
    return null;
  }

  async declaredForReport(): Promise<null> {
    return null;
  }

  // --- changes (and the rollout that follows one): refused with the reason ---
  prepare(): Promise<void> {
    return this.refuse();
  }

  apply(): Promise<void> {
    return this.refuse();
  }

  build(): Promise<void> {
    return this.refuse();
  }

  pull(): Promise<void> {
    return this.refuse();
  }

  rollout(): Promise<RolloutState> {
    return this.refuse();
  }

  startBeside(): Promise<{ created: Record<string, string>; error: Error | null }> {
    return this.refuse();
  }

  async imageInfo(): Promise<ImageInfo | null> {
    return null;
  }

  pullImage(): Promise<void> {
    return this.refuse();
  }

  tagImage(): Promise<void> {
    return this.refuse();
  }

  saveImages(): Promise<Readable> {
    return this.refuse();
  }

  loadImages(): Promise<string[]> {
    return this.refuse();
  }

  dumpToFile(): Promise<ExecToFileResult> {
    return this.refuse();
  }

  restoreFromFile(): Promise<InContainerResult> {
    return this.refuse();
  }

  readInContainer(): Promise<InContainerResult> {
    return this.refuse();
  }

  copyFileFromContainer(): Promise<{ bytes: number; sha256: string }> {
    return this.refuse();
  }

  copyFileToContainer(): Promise<void> {
    return this.refuse();
  }

  volumeMounts(): Promise<VolumeMount[]> {
    return this.refuse();
  }

  snapshotVolumes(): Promise<{ bytes: number; sha256: string }> {
    return this.refuse();
  }

  restoreVolumes(): Promise<void> {
    return this.refuse();
  }

  startContainer(): Promise<void> {
    return this.refuse();
  }

  removeImage(): Promise<ImageRemoval> {
    return this.refuse();
  }

  removeContainer(): Promise<void> {
    return this.refuse();
  }

  signal(): Promise<void> {
    return this.refuse();
  }

  putFile(): Promise<void> {
    return this.refuse();
  }

  private refuse<T>(): Promise<T> {
    return Promise.reject(this.unusable);
  }
}
