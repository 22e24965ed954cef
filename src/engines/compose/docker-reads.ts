// Reads of containers and images from the Docker Engine API, shaped for the engine interface.
import type { DockerApi } from '../../adapters/docker/api';
import { DockerApiError } from '../../adapters/docker/api';
import type { HealthStatus, ImageRemoval, LocalImage, ServiceContainer } from '../engine';
import { releasedBytes } from '../../domain/prune';
import { demux } from '../../adapters/docker/demux';

interface ListedContainer {
  Id: string;
  Names: string[];
  Image: string;
  ImageID: string;
  State: string;
  Status: string;
  Labels: Record<string, string>;
  Created: number;
}

interface InspectedContainer {
  Id: string;
  Name: string;
  Image: string;
  RestartCount: number;
  Created: string;
  Config: { Image: string; Labels: Record<string, string> };
  State: { Status: string; ExitCode: number; StartedAt: string; Health?: { Status: string } };
}

interface ListedImage {
  Id: string;
  RepoTags: string[] | null;
  Created: number;
  Size: number;
  Labels?: Record<string, string> | null;
}

/** Docker health from a container listing's status text ("Up 3 s (healthy)"). */
export function healthFromStatus(status: string): HealthStatus {
  if (status.includes('(healthy)')) return 'healthy';
  if (status.includes('(unhealthy)')) return 'unhealthy';
  if (status.includes('health: starting')) return 'starting';
  return null;
}

function exitCodeFromStatus(status: string): number | null {
  const m = /^Exited \((-?\d+)\)/.exec(status);
  return m ? Number(m[1]) : null;
}

export async function listProjectContainers(api: DockerApi, project: string): Promise<ServiceContainer[]> {
  const filters = encodeURIComponent(JSON.stringify({ label: [`com.docker.compose.project=${project}`] }));
  const list = await api.get<ListedContainer[]>(`/containers/json?all=1&filters=${filters}`);
  return list
    .filter((c) => c.Labels['com.docker.compose.oneoff'] !== 'True')
    .map((c) => ({
      service: c.Labels['com.docker.compose.service'] ?? '',
      id: c.Id,
      name: (c.Names[0] ?? '').replace(/^\//, ''),
      image: c.Image,
      imageId: c.ImageID,
      state: c.State,
      health: healthFromStatus(c.Status),
      exitCode: exitCodeFromStatus(c.Status),
      restartCount: 0,
      startedAt: null,
      createdAt: new Date(c.Created * 1000).toISOString(),
    }));
}

/** Every container compose created on the engine (any project, running or not): its labels and state (init). */
export async function listComposeContainers(api: DockerApi): Promise<Array<{ labels: Record<string, string>; state: string }>> {
  const filters = encodeURIComponent(JSON.stringify({ label: ['com.docker.compose.project'] }));
  const list = await api.get<ListedContainer[]>(`/containers/json?all=1&filters=${filters}`);
  return list.map((c) => ({ labels: c.Labels ?? {}, state: c.State }));
}

export async function inspectContainer(api: DockerApi, id: string): Promise<ServiceContainer | null> {
  let c: InspectedContainer;
  try {
    c = await api.get<InspectedContainer>(`/containers/${encodeURIComponent(id)}/json`);
  } catch (e) {
    if (e instanceof DockerApiError && e.status === 404) return null;
    throw e;
  }
  const h = c.State.Health?.Status;
  return {
    service: c.Config.Labels['com.docker.compose.service'] ?? '',
    id: c.Id,
    name: c.Name.replace(/^\//, ''),
    image: c.Config.Image,
    imageId: c.Image,
    state: c.State.Status,
    health: h === 'healthy' || h === 'unhealthy' || h === 'starting' ? h : null,
    exitCode: c.State.Status === 'exited' || c.State.Status === 'dead' ? c.State.ExitCode : null,
    restartCount: c.RestartCount,
    startedAt: c.State.StartedAt,
    createdAt: c.Created,
  };
}

export async function listImages(api: DockerApi, repositories: string[]): Promise<LocalImage[]> {
  const wanted = new Set(repositories);
  const filters = encodeURIComponent(JSON.stringify({ reference: repositories }));
  const list = await api.get<ListedImage[]>(`/images/json?filters=${filters}`);
  const out: LocalImage[] = [];
  for (const img of list) {
    for (const rt of img.RepoTags ?? []) {
      const i = rt.lastIndexOf(':');
      if (i <= 0) continue;
      const repository = rt.slice(0, i);
      const tag = rt.slice(i + 1);
      if (!wanted.has(repository) || tag === '<none>') continue;
      out.push({ repository, tag, id: img.Id, created: new Date(img.Created * 1000).toISOString(), size: img.Size, project: img.Labels?.['com.docker.compose.project'] ?? null });
    }
  }
  return out;
}

export async function engineCounts(api: DockerApi): Promise<{ containersRunning: number; images: number }> {
  const info = await api.get<{ ContainersRunning: number; Images: number }>('/info');
  return { containersRunning: info.ContainersRunning, images: info.Images };
}

/** Last lines of a container's logs (stdout and stderr), demultiplexed; only those since `since` when given. */
export async function containerLogs(api: DockerApi, id: string, tail: number, since?: Date): Promise<string> {
  const sinceParam = since ? `&since=${Math.floor(since.getTime() / 1000)}` : '';
  const raw = await api.getRaw(`/containers/${encodeURIComponent(id)}/logs?stdout=1&stderr=1&tail=${Math.max(0, Math.floor(tail))}${sinceParam}`);
  return demux(raw);
}

/** Docker's log stream, demultiplexed (containers' and tasks' logs share the framing with exec output). */
export { demux };

/** Ids of the images every container of the engine (any project, running or not) was created from. */
export async function containerImageIds(api: DockerApi): Promise<Set<string>> {
  const list = await api.get<Array<{ ImageID: string }>>('/containers/json?all=1');
  return new Set(list.map((c) => c.ImageID));
}

/** An image reference in a request path: `/` and `:` kept, everything else escaped. */
export function imagePath(reference: string): string {
  return encodeURIComponent(reference).replace(/%2F/gi, '/').replace(/%3A/gi, ':');
}

/**
 * `DELETE /images/{repository:tag}` without force: Docker untags when the image carries other tags,
 * deletes it otherwise, and answers 409 when a container uses it. The bytes released are the sizes of
 * the layers the response lists as deleted (taken from the image's history before the removal).
 */
export async function removeImageReference(api: DockerApi, reference: string): Promise<ImageRemoval> {
  const path = imagePath(reference);
  const failed = (error: string, inUse = false): ImageRemoval => ({ reference, deleted: false, bytes: 0, inUse, error });
  let info: { Id: string; RootFS?: { Layers?: string[] } };
  let history: Array<{ Size: number }>;
  try {
    [info, history] = await Promise.all([api.get<{ Id: string; RootFS?: { Layers?: string[] } }>(`/images/${path}/json`), api.get<Array<{ Size: number }>>(`/images/${path}/history`)]);
  } catch (e) {
    if (e instanceof DockerApiError) return failed(e.message);
    throw e;
  }
  let response: Array<{ Untagged?: string; Deleted?: string }> | null;
  try {
    response = await api.call<Array<{ Untagged?: string; Deleted?: string }> | null>('DELETE', `/images/${path}?force=0&noprune=0`);
  } catch (e) {
    if (e instanceof DockerApiError) return failed(e.message, e.status === 409);
    throw e;
  }
  const deletedIds = new Set((response ?? []).map((r) => r.Deleted).filter((x): x is string => typeof x === 'string'));
  const deleted = deletedIds.has(info.Id);
  const sizes = [...history].reverse().map((h) => Math.max(0, Number(h.Size) || 0));
  return { reference, deleted, bytes: deleted ? releasedBytes(info.RootFS?.Layers ?? [], sizes, deletedIds) : 0, inUse: false, error: null };
}
