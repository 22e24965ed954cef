// The named volumes of a container as one tar file, and back (issue 22, `kind: volume`), through the Engine API
// only. Out: the container paused (nothing writes while it is read), each volume's archive
// (GET /containers/{id}/archive) re-packed under its full mount path into one private file (0600, never
// through a link) with its SHA-256, the container unpaused whatever happens. Back: the container stopped, each
// volume emptied by a short-lived helper container of the same image (`sh` and `rm`, as root, no network), the
// file PUT at `/` (Docker mounts a stopped container's volumes for it), the container started again.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { dirname } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { extract, pack } from 'tar-stream';
import { openNewPrivateFile } from '../fs/private';
import type { DockerApi } from './api';

const enc = encodeURIComponent;

export interface VolumeMount {
  /** the volume's name */
  name: string;
  /** where the container sees it */
  destination: string;
}

/** The named volumes mounted in the container (bind mounts and tmpfs are not its data to snapshot). */
export async function volumeMounts(api: DockerApi, containerId: string): Promise<VolumeMount[]> {
  const doc = await api.get<{ Mounts?: Array<{ Type?: string; Name?: string; Destination?: string }> | null }>(`/containers/${enc(containerId)}/json`);
  return (doc.Mounts ?? [])
    .filter((m) => m.Type === 'volume' && m.Name && m.Destination)
    .map((m) => ({ name: m.Name!, destination: m.Destination! }))
    .sort((a, b) => a.destination.localeCompare(b.destination));
}

/** `data/x` of the archive of `/var/lib/app/data` → `var/lib/app/data/x`: unique per mount, extractable at `/`. */
function fullName(destination: string, name: string): string {
  const parent = dirname(destination).replace(/^\/+/, '');
  return parent ? `${parent}/${name}` : name;
}

/** The volumes into a new 0600 `file`, the container paused meanwhile; its size and SHA-256. */
export async function snapshotVolumes(api: DockerApi, containerId: string, mounts: VolumeMount[], file: string, timeoutMs: number): Promise<{ bytes: number; sha256: string }> {
  const out = fs.createWriteStream('', { fd: openNewPrivateFile(file) });
  const hash = createHash('sha256');
  let bytes = 0;
  const tar = pack();
  tar.on('data', (c: unknown) => {
    hash.update(c as Buffer);
    bytes += (c as Buffer).length;
  });
  const written = pipeline(tar, out);
  await api.call('POST', `/containers/${enc(containerId)}/pause`);
  try {
    for (const m of mounts) {
      const archive = await api.download(`/containers/${enc(containerId)}/archive?path=${enc(m.destination)}`, timeoutMs);
      const entries = extract();
      entries.on('entry', (header, body, next) => {
        const copy = tar.entry({ ...header, name: fullName(m.destination, header.name) }, (e) => next(e ?? undefined));
        body.pipe(copy);
      });
      await pipeline(archive, entries);
    }
    tar.finalize();
    await written;
  } catch (e) {
    tar.destroy(e as Error);
    await written.catch(() => undefined);
    fs.rmSync(file, { force: true });
    throw e;
  } finally {
    await api.call('POST', `/containers/${enc(containerId)}/unpause`).catch(() => undefined);
  }
  return { bytes, sha256: hash.digest('hex') };
}

/** Empties the volumes with a helper container of `image` (root, no network), removed afterwards. */
async function emptyVolumes(api: DockerApi, image: string, mounts: VolumeMount[], timeoutMs: number): Promise<void> {
  const script = 'for d; do rm -rf "$d"/* "$d"/.[!.]* "$d"/..?* || exit 1; done';
  const created = await api.call<{ Id: string }>('POST', '/containers/create', {
    Image: image,
    Entrypoint: ['sh', '-c', script, 'sh', ...mounts.map((m) => m.destination)],
    Cmd: [],
    User: '0',
    Labels: { 'org.reprise.helper': 'volume-restore' },
    HostConfig: { NetworkMode: 'none', Mounts: mounts.map((m) => ({ Type: 'volume', Source: m.name, Target: m.destination })) },
  });
  try {
    await api.call('POST', `/containers/${enc(created.Id)}/start`);
    const done = await api.call<{ StatusCode: number }>('POST', `/containers/${enc(created.Id)}/wait`, undefined, timeoutMs);
    if (done.StatusCode !== 0) throw new Error(`emptying the volumes exited ${done.StatusCode} (the image needs sh and rm)`);
  } finally {
    await api.call('DELETE', `/containers/${enc(created.Id)}?force=1&v=0`).catch(() => undefined);
  }
}

/** The volumes emptied and filled from `file`, the container stopped meanwhile and started again. */
export async function restoreVolumes(api: DockerApi, containerId: string, mounts: VolumeMount[], file: string, timeoutMs: number): Promise<void> {
  const doc = await api.get<{ Image: string }>(`/containers/${enc(containerId)}/json`);
  await api.call('POST', `/containers/${enc(containerId)}/stop?t=10`, undefined, 60_000);
  try {
    await emptyVolumes(api, doc.Image, mounts, timeoutMs);
    await api.upload(`/containers/${enc(containerId)}/archive?path=%2F`, fs.createReadStream(file) as unknown as Readable, 'application/x-tar', timeoutMs, 'PUT');
  } finally {
    // started again whatever happened: a service left stopped is worse than one on its old data
    await api.call('POST', `/containers/${enc(containerId)}/start`).catch(() => undefined);
  }
}
