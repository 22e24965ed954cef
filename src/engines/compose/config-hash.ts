// Compose's own view of whether a service's container is in sync: the configuration hash it computes
// (`config --hash`, compose v1 and v2) against the `com.docker.compose.config-hash` label of the container,
// and (compose v2) the `com.docker.compose.image` label against the image its reference names now.
import type { DockerApi } from '../../adapters/docker/api';
import type { ServiceContainer } from '../engine';
import { parse } from 'yaml';
import { imagePath } from './docker-reads';

/** `service hash` lines of `config --hash '*'` (pure). */
export function parseHashes(stdout: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const m = /^(\S+)\s+([0-9a-f]{64})\s*$/.exec(line.trim());
    if (m) out.set(m[1], m[2]);
  }
  return out;
}

interface Labelled {
  Config?: { Labels?: Record<string, string> | null; Image?: string };
  Image?: string;
}

/**
 * Whether every one of `services` runs one container that compose would leave as it is with these hashes:
 * then `compose up -d SERVICE` without `--no-deps` touches none of them (and gives the released service the
 * hash a plain `compose up -d` computes). False on any doubt.
 */
export async function inSync(api: DockerApi, containers: ServiceContainer[], hashes: Map<string, string>, services: string[]): Promise<boolean> {
  for (const service of services) {
    const mine = containers.filter((c) => c.service === service);
    if (mine.length !== 1 || mine[0].state !== 'running') return false;
    const want = hashes.get(service);
    if (!want) return false;
    const doc = await api.get<Labelled>(`/containers/${encodeURIComponent(mine[0].id)}/json`).catch(() => null);
    const labels = doc?.Config?.Labels ?? {};
    if (labels['com.docker.compose.config-hash'] !== want) return false;
    const image = labels['com.docker.compose.image'];
    if (image && doc?.Config?.Image) {
      const now = await api.get<{ Id: string }>(`/images/${imagePath(doc.Config.Image)}/json`).catch(() => null);
      if (!now || now.Id !== image) return false;
    }
  }
  return true;
}

/** One service of `compose config`'s output (YAML, both flavours); null when absent or unreadable. */
export function serviceOf(configText: string, service: string): Record<string, unknown> | null {
  try {
    const doc = parse(configText) as { services?: Record<string, Record<string, unknown>> } | null;
    return doc?.services?.[service] ?? null;
  } catch {
    return null;
  }
}

/** JSON with sorted keys (pure). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v ?? null);
}

/** Whether two resolved service configurations differ in their image only (pure; false when either is missing). */
export function sameButImage(a: Record<string, unknown> | null, b: Record<string, unknown> | null): boolean {
  if (!a || !b) return false;
  const strip = (x: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(x).filter(([k]) => k !== 'image'));
  return canonical(strip(a)) === canonical(strip(b));
}
