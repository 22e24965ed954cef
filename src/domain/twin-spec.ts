// The new version's container of a service released start-first behind a router reprise does not own (issue
// 17): its "twin", created beside the running container from that container's own configuration, so that
// the service can be replaced even with a fixed `container_name:` (compose cannot run two of those).
//
// Pure: from the running container's inspect document and the configurations of the old and the new image,
// the Engine API create body of the twin. What the old container got from its image (environment entries,
// command, entrypoint, labels, healthcheck, working dir, user…) is left out, so the new image's own values
// apply; what compose set is kept. Compose's labels stay, with the configuration hash compose computes for
// the new version (`config --hash`) and the new image id, so that compose sees the twin as the service's
// own container, in sync: a plain `docker compose up -d` afterwards recreates nothing.
// The twin joins every network of the old container under every alias but the service's name: nothing
// that finds the service by name (a DNS router, another service) reaches it before it passed the gate.

export interface InspectedEndpoint {
  NetworkID?: string;
  Aliases?: string[] | null;
  IPAMConfig?: Record<string, unknown> | null;
  Links?: string[] | null;
  DriverOpts?: Record<string, string> | null;
  MacAddress?: string;
}

export interface ImageConfig {
  Env?: string[] | null;
  Cmd?: string[] | null;
  Entrypoint?: string[] | null;
  Labels?: Record<string, string> | null;
  Healthcheck?: unknown;
  WorkingDir?: string;
  User?: string;
  StopSignal?: string;
  ExposedPorts?: Record<string, unknown> | null;
  Volumes?: Record<string, unknown> | null;
  Shell?: string[] | null;
  OnBuild?: string[] | null;
}

export interface InspectedForTwin {
  Id: string;
  Name: string;
  Config: ImageConfig & { Hostname?: string; Image?: string; [key: string]: unknown };
  HostConfig: { NetworkMode?: string; [key: string]: unknown };
  NetworkSettings?: { Networks?: Record<string, InspectedEndpoint> | null };
}

export interface EndpointSpec {
  network: string;
  aliases: string[];
  /** the same endpoint with the service's name among its aliases (once the twin passed the gate) */
  aliasesWithName: string[];
  ipam: Record<string, unknown> | null;
  links: string[] | null;
  driverOpts: Record<string, string> | null;
}

export interface TwinSpec {
  name: string;
  /** body of POST /containers/create (its NetworkingConfig holds the primary network only) */
  body: Record<string, unknown>;
  /** every network of the old container, the primary one first */
  endpoints: EndpointSpec[];
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** The temporary name of a service's twin until it takes the old container's name. */
export function twinName(oldName: string): string {
  return `${oldName.replace(/^\//, '')}-reprise-next`;
}

/** The name the old container is given while the twin takes its own (it is removed right after). */
export function retiredName(oldName: string): string {
  return `${oldName.replace(/^\//, '')}-reprise-old`;
}

/** Whether a container name is one of reprise's temporary names (a leftover of an interrupted release). */
export function isTemporaryName(name: string): boolean {
  return /-reprise-(next|old)$/.test(name.replace(/^\//, ''));
}

export function twinSpec(
  old: InspectedForTwin,
  oldImage: ImageConfig,
  newImage: { id: string; reference: string; config: ImageConfig },
  service: string,
  configHash: string | null,
): TwinSpec {
  const c: Record<string, unknown> = { ...old.Config };
  c.Image = newImage.reference;
  // what came from the old image goes: the new image brings its own
  const imageEnv = new Set(oldImage.Env ?? []);
  c.Env = (old.Config.Env ?? []).filter((e) => !imageEnv.has(e));
  for (const key of ['Cmd', 'Entrypoint', 'Healthcheck', 'WorkingDir', 'User', 'StopSignal', 'ExposedPorts', 'Volumes', 'Shell', 'OnBuild'] as const) {
    if (same(old.Config[key], oldImage[key])) delete c[key];
  }
  if (old.Config.Hostname && old.Id.startsWith(old.Config.Hostname)) delete c.Hostname; // Docker's default: the id
  const labels: Record<string, string> = {};
  const imageLabels = oldImage.Labels ?? {};
  for (const [k, v] of Object.entries(old.Config.Labels ?? {})) if (imageLabels[k] !== v) labels[k] = v;
  if (configHash) labels['com.docker.compose.config-hash'] = configHash;
  if ('com.docker.compose.image' in labels) labels['com.docker.compose.image'] = newImage.id;
  c.Labels = labels;

  const shortId = old.Id.slice(0, 12);
  const networks = Object.entries(old.NetworkSettings?.Networks ?? {});
  const primary = old.HostConfig.NetworkMode ?? '';
  networks.sort(([a], [b]) => Number(b === primary) - Number(a === primary));
  const endpoints: EndpointSpec[] = networks.map(([network, ep]) => {
    const kept = (ep.Aliases ?? []).filter((a) => a !== shortId && a !== old.Id);
    return {
      network,
      aliases: kept.filter((a) => a !== service),
      aliasesWithName: kept.includes(service) ? kept : [...kept, service],
      ipam: ep.IPAMConfig && Object.keys(ep.IPAMConfig).length ? ep.IPAMConfig : null,
      links: ep.Links?.length ? ep.Links : null,
      driverOpts: ep.DriverOpts && Object.keys(ep.DriverOpts).length ? ep.DriverOpts : null,
    };
  });
  const body: Record<string, unknown> = { ...c, HostConfig: { ...old.HostConfig } };
  if (endpoints.length) body.NetworkingConfig = { EndpointsConfig: { [endpoints[0].network]: endpointBody(endpoints[0], false) } };
  return { name: twinName(old.Name), body, endpoints };
}

/** The Engine API endpoint settings of one network of the twin. */
export function endpointBody(ep: EndpointSpec, withName: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { Aliases: withName ? ep.aliasesWithName : ep.aliases };
  if (ep.ipam) out.IPAMConfig = ep.ipam;
  if (ep.links) out.Links = ep.links;
  if (ep.driverOpts) out.DriverOpts = ep.driverOpts;
  return out;
}
