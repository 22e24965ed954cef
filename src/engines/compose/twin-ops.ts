// Engine API calls of a start-first release behind a router reprise does not own (issue 17): the twin is
// created from the running container's configuration (domain/twin-spec.ts), joins the service's name once
// it passed the gate, and takes the running container's name. Nothing here goes through a shell.
import { DockerApiError, type DockerApi } from '../../adapters/docker/api';
import { imagePath } from './docker-reads';
import { endpointBody, retiredName, twinSpec, type EndpointSpec, type ImageConfig, type InspectedForTwin } from '../../domain/twin-spec';

const enc = encodeURIComponent;

interface InspectedImage {
  Id: string;
  Config?: ImageConfig | null;
}

async function removeIfThere(api: DockerApi, name: string): Promise<void> {
  try {
    await api.call('DELETE', `/containers/${enc(name)}?force=1&v=1`);
  } catch (e) {
    if (!(e instanceof DockerApiError && e.status === 404)) throw e;
  }
}

/**
 * Creates and starts the twin of container `oldId` on image `reference`, known by every name of the old
 * one but the service's. `configHash`: compose's hash of the service for the new version (null: kept).
 * Returns its id; a twin left by an interrupted release under the same temporary name is replaced.
 */
export async function startTwin(api: DockerApi, oldId: string, service: string, reference: string, configHash: string | null): Promise<string> {
  const old = await api.get<InspectedForTwin & { Image: string }>(`/containers/${enc(oldId)}/json`);
  const [oldImage, newImage] = await Promise.all([
    api.get<InspectedImage>(`/images/${imagePath(old.Image)}/json`).catch(() => ({ Id: old.Image, Config: {} }) as InspectedImage),
    api.get<InspectedImage>(`/images/${imagePath(reference)}/json`),
  ]);
  const spec = twinSpec(old, oldImage.Config ?? {}, { id: newImage.Id, reference, config: newImage.Config ?? {} }, service, configHash);
  await removeIfThere(api, spec.name);
  const created = await api.call<{ Id: string }>('POST', `/containers/create?name=${enc(spec.name)}`, spec.body);
  try {
    // API 1.41 creates with one network: the others are joined before it starts
    for (const ep of spec.endpoints.slice(1)) await connect(api, ep, created.Id, false);
    await api.call('POST', `/containers/${enc(created.Id)}/start`);
  } catch (e) {
    await removeIfThere(api, created.Id).catch(() => undefined);
    throw e;
  }
  return created.Id;
}

async function connect(api: DockerApi, ep: EndpointSpec, id: string, withName: boolean): Promise<void> {
  await api.call('POST', `/networks/${enc(ep.network)}/connect`, { Container: id, EndpointConfig: endpointBody(ep, withName) });
}

/**
 * The twin joins the service's name on each of its networks (it leaves and joins again with the name among
 * its aliases: Docker cannot add an alias to a connected container). Nothing reaches it by that name yet,
 * so nothing is cut.
 */
export async function joinServiceName(api: DockerApi, twinId: string, oldId: string, service: string): Promise<void> {
  const old = await api.get<InspectedForTwin>(`/containers/${enc(oldId)}/json`).catch(() => null);
  const twin = await api.get<InspectedForTwin & { Image: string }>(`/containers/${enc(twinId)}/json`);
  // the aliases the old container had on each network (the twin's own, when the old one is gone)
  const spec = twinSpec(old ?? twin, {}, { id: '', reference: '', config: {} }, service, null);
  for (const ep of spec.endpoints) {
    if (!twin.NetworkSettings?.Networks?.[ep.network]) continue;
    await api.call('POST', `/networks/${enc(ep.network)}/disconnect`, { Container: twinId, Force: false });
    await connect(api, ep, twinId, true);
  }
}

/** The twin takes the old container's name (the old one is renamed aside, then removed by the caller). */
export async function takeName(api: DockerApi, twinId: string, oldId: string): Promise<void> {
  const old = await api.get<{ Name: string }>(`/containers/${enc(oldId)}/json`);
  const name = old.Name.replace(/^\//, '');
  const aside = retiredName(name);
  await removeIfThere(api, aside);
  await api.call('POST', `/containers/${enc(oldId)}/rename?name=${enc(aside)}`);
  await api.call('POST', `/containers/${enc(twinId)}/rename?name=${enc(name)}`);
}

/** Renames one container (a leftover twin taking the service's name after an interrupted release). */
export async function renameContainer(api: DockerApi, id: string, name: string): Promise<void> {
  await api.call('POST', `/containers/${enc(id)}/rename?name=${enc(name)}`);
}
