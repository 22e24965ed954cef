// Engine API calls on single containers used by start-first releases: file upload/download, process list,
// addresses, stop + remove. Nothing here goes through a shell.
import { extract, pack } from 'tar-stream';
import { DockerApiError, type DockerApi } from '../../adapters/docker/api';

const enc = encodeURIComponent;

export async function putFile(api: DockerApi, id: string, dir: string, name: string, content: string): Promise<void> {
  const tar = pack();
  tar.entry({ name, mode: 0o644, mtime: new Date() }, content);
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const c of tar) chunks.push(Buffer.from(c as Uint8Array));
  await api.putArchive(`/containers/${enc(id)}/archive?path=${enc(dir)}`, Buffer.concat(chunks));
}

/** One file of a container's filesystem (GET archive, the first regular file of the tar); null when absent. */
export async function readFile(api: DockerApi, id: string, path: string): Promise<string | null> {
  let tar: Buffer;
  try {
    tar = await api.getRaw(`/containers/${enc(id)}/archive?path=${enc(path)}`);
  } catch (e) {
    if (e instanceof DockerApiError && e.status === 404) return null;
    throw e;
  }
  const ex = extract();
  let out: string | null = null;
  const done = (async () => {
    for await (const entry of ex) {
      const chunks: Buffer[] = [];
      for await (const c of entry) chunks.push(Buffer.from(c as Uint8Array));
      if (out === null && entry.header.type === 'file') out = Buffer.concat(chunks).toString('utf8');
    }
  })();
  ex.end(tar);
  await done;
  return out;
}

export async function processes(api: DockerApi, id: string): Promise<Array<{ pid: number; command: string }>> {
  const top = await api.get<{ Titles: string[]; Processes: string[][] }>(`/containers/${enc(id)}/top?ps_args=${enc('-o pid,args')}`);
  const pidAt = top.Titles.findIndex((t) => t.trim().toUpperCase() === 'PID');
  const cmdAt = top.Titles.findIndex((t) => /^(COMMAND|CMD|ARGS)$/i.test(t.trim()));
  return top.Processes.map((p) => ({ pid: Number(p[pidAt >= 0 ? pidAt : 0]), command: p[cmdAt >= 0 ? cmdAt : p.length - 1] ?? '' }));
}

interface NetworksDoc {
  NetworkSettings?: { Networks?: Record<string, { NetworkID?: string; IPAddress?: string }> };
}

export async function addressBeside(api: DockerApi, id: string, peerId: string): Promise<string | null> {
  const [mine, peer] = await Promise.all([api.get<NetworksDoc>(`/containers/${enc(id)}/json`), api.get<NetworksDoc>(`/containers/${enc(peerId)}/json`)]);
  const peerNets = new Set(Object.values(peer.NetworkSettings?.Networks ?? {}).map((n) => n.NetworkID));
  for (const n of Object.values(mine.NetworkSettings?.Networks ?? {})) {
    if (n.NetworkID && peerNets.has(n.NetworkID) && n.IPAddress) return n.IPAddress;
  }
  return null;
}

/**
 * Stop with the container's own grace period (compose's stop_grace_period, else Docker's 10 s), then remove
 * it with its anonymous volumes (a replaced container's, as compose does when it recreates; named volumes
 * are never removed).
 */
export async function stopAndRemove(api: DockerApi, id: string): Promise<void> {
  try {
    await api.call('POST', `/containers/${enc(id)}/stop`, undefined, 330_000);
    await api.call('DELETE', `/containers/${enc(id)}?v=1`);
  } catch (e) {
    if (e instanceof DockerApiError && e.status === 404) return; // already gone
    throw e;
  }
}
