// ImageOps over the Engine API (compose and Swarm engines alike: the images of the engine reprise points at).
import { DockerApiError, type DockerApi } from '../../adapters/docker/api';
import type { ImageInfo, RegistryAuth } from '../image-ops';
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

export async function pullImage(api: DockerApi, reference: string, auth: RegistryAuth | null, onProgress?: (line: string) => void): Promise<void> {
  // the credentials go in a header on the engine's socket, base64url JSON as the Engine API asks
  const headers = auth ? { 'X-Registry-Auth': Buffer.from(JSON.stringify(auth)).toString('base64url') } : undefined;
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
