// Every container of the engine, whatever its project: which image each was created from and whose it is
// (compose's project label, or a Swarm stack's namespace). prune decides from it which exited one-shot
// containers hold an old version's images; the versions catalogue, which versions other projects use.
import type { DockerApi } from '../../adapters/docker/api';
import type { EngineContainer } from '../engine';

interface Listed {
  Id: string;
  Names?: string[];
  Image: string;
  ImageID: string;
  State: string;
  Labels: Record<string, string> | null;
}

/** From one `GET /containers/json?all=1` entry (pure). */
export function toEngineContainer(c: Listed): EngineContainer {
  const labels = c.Labels ?? {};
  return {
    id: c.Id,
    name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''),
    image: c.Image,
    imageId: c.ImageID,
    state: c.State,
    project: labels['com.docker.compose.project'] ?? labels['com.docker.stack.namespace'] ?? null,
    service: labels['com.docker.compose.service'] ?? null,
    oneOff: (labels['com.docker.compose.oneoff'] ?? '').toLowerCase() === 'true',
  };
}

export async function listEngineContainers(api: DockerApi): Promise<EngineContainer[]> {
  return (await api.get<Listed[]>('/containers/json?all=1')).map(toEngineContainer);
}
