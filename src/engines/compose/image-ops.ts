// ImageOps over the Engine API (compose and Swarm engines alike: the images of the engine reprise points at).
import type { Readable } from 'node:stream';
import { DockerApiError, type DockerApi } from '../../adapters/docker/api';
import { copyFileFromContainer, copyFileToContainer } from '../../adapters/docker/container-files';
import { execInContainer } from '../../adapters/docker/exec';
import { execToFile } from '../../adapters/docker/exec-to-file';
import { restoreVolumes, snapshotVolumes, volumeMounts } from '../../adapters/docker/volume-archive';
import { RESTORE_PATH, type DataOps, type InContainerResult } from '../data-ops';
import type { ImageInfo, ImageOps, RegistryAuth } from '../image-ops';
import { imagePath } from './docker-reads';

/** a pull of a large image over a slow link may take long; the registry's own silence is bounded by Docker */
const PULL_TIMEOUT_MS = 30 * 60_000;

export async function imageInfo(api: DockerApi, reference: string): Promise<ImageInfo | null> {
  try {
    const doc = await api.get<{ Id: string; RepoDigests?: string[] | null }>(`/images/${imagePath(reference)}/json`);
    return { id: doc.Id, repoDigests: doc.RepoDigests ?? [] };
  } catch (e) {
    if (e instanceof DockerApiError && e.status === 404) return null;
    throw e;
  }
}

/** `repo:tag` / `repo@sha256:…` → the fromImage and tag parameters of POST /images/create */
function pullParams(reference: string): string {
  const at = reference.indexOf('@');
  if (at > 0) return `fromImage=${encodeURIComponent(reference.slice(0, at))}&tag=${encodeURIComponent(reference.slice(at + 1))}`;
  const slash = reference.lastIndexOf('/');
  const colon = reference.lastIndexOf(':');
  if (colon > slash) return `fromImage=${encodeURIComponent(reference.slice(0, colon))}&tag=${encodeURIComponent(reference.slice(colon + 1))}`;
  return `fromImage=${encodeURIComponent(reference)}&tag=latest`;
}

/** X-Registry-Auth's value: base64url (with `=` padding) of the credentials' JSON */
export function registryAuthHeader(auth: RegistryAuth): string {
  const text = Buffer.from(JSON.stringify(auth)).toString('base64url');
  return text + '='.repeat((4 - (text.length % 4)) % 4);
}

export async function pullImage(api: DockerApi, reference: string, auth: RegistryAuth | null, onProgress?: (line: string) => void): Promise<void> {
  // the credentials go in a header on the engine's socket: JSON in base64's URL alphabet *with* its padding, as
  // the docker CLI sends it (Docker 20.10 cannot decode it without the padding and then pulls without credentials)
  const headers = auth ? { 'X-Registry-Auth': registryAuthHeader(auth) } : undefined;
  let pending = '';
  let failure: string | null = null;
  const handle = (line: string): void => {
    if (!line.trim()) return;
    let msg: { status?: string; id?: string; progress?: string; error?: string; errorDetail?: { message?: string } };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      return;
    }
    if (msg.error || msg.errorDetail) failure = msg.errorDetail?.message ?? msg.error ?? 'pull failed';
    else if (msg.status) onProgress?.(`${msg.id ? `${msg.id}: ` : ''}${msg.status}`);
  };
  await api.stream('POST', `/images/create?${pullParams(reference)}`, undefined, {
    timeoutMs: PULL_TIMEOUT_MS,
    headers,
    onData: (chunk) => {
      pending += chunk.toString('utf8');
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const l of lines) handle(l);
    },
  });
  handle(pending);
  // Docker answers 200 and reports a failure inside the stream (a layer that cannot be fetched)
  if (failure) throw new DockerApiError(500, failure);
}

export async function tagImage(api: DockerApi, id: string, repository: string, tag: string): Promise<void> {
  await api.call('POST', `/images/${imagePath(id)}/tag?repo=${encodeURIComponent(repository)}&tag=${encodeURIComponent(tag)}`);
}

/** a save or load of a large version over a slow link may take long */
const TRANSFER_TIMEOUT_MS = 60 * 60_000;

export function saveImages(api: DockerApi, references: string[]): Promise<Readable> {
  return api.download(`/images/get?${references.map((r) => `names=${encodeURIComponent(r)}`).join('&')}`, TRANSFER_TIMEOUT_MS);
}

export async function loadImages(api: DockerApi, archive: Readable): Promise<string[]> {
  const answer = (await api.upload('/images/load?quiet=1', archive, 'application/x-tar', TRANSFER_TIMEOUT_MS)).toString('utf8');
  const loaded: string[] = [];
  for (const line of answer.split('\n')) {
    if (!line.trim()) continue;
    let msg: { stream?: string; error?: string; errorDetail?: { message?: string } };
    try {
      msg = JSON.parse(line) as typeof msg;
    } catch {
      continue;
    }
    if (msg.error || msg.errorDetail) throw new DockerApiError(500, msg.errorDetail?.message ?? msg.error ?? 'load failed');
    const m = /Loaded image(?: ID)?: (\S+)/.exec(msg.stream ?? '');
    if (m) loaded.push(m[1]);
  }
  return loaded;
}

/** ImageOps and DataOps over `api`: what the compose and Swarm engines take as their own (Object.assign). */
export function apiImageOps(api: DockerApi): ImageOps & DataOps {
  const inContainer = async (containerId: string, cmd: string[], env: string[], timeoutMs: number): Promise<InContainerResult> => {
    const r = await execInContainer(api, containerId, cmd, { timeoutMs, maxOutputBytes: 4096, env });
    return { exitCode: r.exitCode, output: r.output, stdout: r.stdout };
  };
  return {
    imageInfo: (reference) => imageInfo(api, reference),
    pullImage: (reference, auth, onProgress) => pullImage(api, reference, auth, onProgress),
    tagImage: (id, repository, tag) => tagImage(api, id, repository, tag),
    saveImages: (references) => saveImages(api, references),
    loadImages: (archive) => loadImages(api, archive),
    dumpToFile: (containerId, cmd, file, timeoutMs) => execToFile(api, containerId, cmd, file, timeoutMs),
    restoreFromFile: async (containerId, file, cmd, owner, timeoutMs) => {
      await copyFileToContainer(api, containerId, file, RESTORE_PATH, owner, timeoutMs);
      return inContainer(containerId, cmd, [], timeoutMs);
    },
    readInContainer: inContainer,
    copyFileFromContainer: (containerId, path, file, timeoutMs) => copyFileFromContainer(api, containerId, path, file, timeoutMs),
    copyFileToContainer: (containerId, file, destination, owner, timeoutMs) => copyFileToContainer(api, containerId, file, destination, owner, timeoutMs),
    volumeMounts: (containerId) => volumeMounts(api, containerId),
    snapshotVolumes: (containerId, mounts, file, timeoutMs) => snapshotVolumes(api, containerId, mounts, file, timeoutMs),
    restoreVolumes: (containerId, mounts, file, timeoutMs) => restoreVolumes(api, containerId, mounts, file, timeoutMs),
    startContainer: async (containerId) => {
      await api.call('POST', `/containers/${encodeURIComponent(containerId)}/start`);
    },
  };
}

