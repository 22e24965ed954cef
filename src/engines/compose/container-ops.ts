// Engine API calls on single containers used by start-first releases: exec, file upload, process list,
// addresses, stop + remove. Nothing here goes through a shell.
import { pack } from 'tar-stream';
import { DockerApiError, type DockerApi } from '../../adapters/docker/api';
import { demux } from './docker-reads';

const enc = encodeURIComponent;

export async function execIn(api: DockerApi, id: string, cmd: string[], timeoutMs: number): Promise<{ exitCode: number; output: string }> {
  const created = await api.call<{ Id: string }>('POST', `/containers/${enc(id)}/exec`, { Cmd: cmd, AttachStdout: true, AttachStderr: true, Tty: false });
  const raw = await api.callRaw('POST', `/exec/${enc(created.Id)}/start`, { Detach: false, Tty: false }, timeoutMs);
  const info = await api.get<{ ExitCode: number | null; Running: boolean }>(`/exec/${enc(created.Id)}/json`);
  return { exitCode: info.Running ? -1 : (info.ExitCode ?? -1), output: demux(raw) };
}

export async function putFile(api: DockerApi, id: string, dir: string, name: string, content: string): Promise<void> {
  const tar = pack();
  tar.entry({ name, mode: 0o644, mtime: new Date() }, content);
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const c of tar) chunks.push(Buffer.from(c as Uint8Array));
  await api.putArchive(`/containers/${enc(id)}/archive?path=${enc(dir)}`, Buffer.concat(chunks));
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

export async function stopAndRemove(api: DockerApi, id: string, graceSeconds: number): Promise<void> {
  try {
    await api.call('POST', `/containers/${enc(id)}/stop?t=${Math.max(0, Math.round(graceSeconds))}`);
    await api.call('DELETE', `/containers/${enc(id)}?v=0`);
  } catch (e) {
    if (e instanceof DockerApiError && e.status === 404) return; // already gone
    throw e;
  }
}
