// init: writes reprise.yml for the compose project of the directory — adopting the one that runs (compose's
// labels), else the compose files present (issue 17) — and says what it decided and what it could not, each
// with the line of reprise.yml to change.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { stringify } from 'yaml';
import { RepriseError } from '../domain/errors';
import { interpolate } from '../domain/interpolate';
import { t, type Lang, type MessageKey } from '../domain/messages';
import type { Params } from '../domain/errors';
import { composeLikeNames, envFileNames, healthcheckHttpUrl, routerOfLabels, type RouterKind } from '../domain/adopt';
import type { LabelledContainer } from '../domain/compose-labels';
import { loadProject, type GlobalOptions, type Project } from '../config/project';
import { publishedPort } from '../engines/compose/compose-file';
import { readComposeExtras } from '../engines/compose/compose-extras';
import { writeFileAtomic } from '../adapters/fs/atomic';
import { planTagSync } from '../adapters/env-file/tag-lines';
import { findSource, type SourceKind } from './init-source';
import { reasonText } from '../release/plan/plan-output';
import { chooseStrategy, type RouterSettings } from '../domain/strategy';

/** Prune after every deploy, keeping this many versions (written as `keep_versions:`; said so). */
const KEEP_VERSIONS = 5;

export interface InitDecision {
  /** what it is about: source, compose_files, env_file, project, health, router, network, strategy, prune, sync_env_file */
  topic: string;
  /** decided: written (or found) as said; undecided: reprise could not tell, `line` says what to write */
  status: 'decided' | 'undecided';
  service: string | null;
  /** in the chosen language */
  message: string;
  /** the line of reprise.yml to change (YAML), null when there is none */
  line: string | null;
}

export interface InitResult {
  ok: true;
  file: string;
  project: string;
  services: Array<{ name: string; repository: string; tagVariable: string; healthUrl: string | null; oneShot: boolean; healthcheckUrl: string | null; router: RouterKind | null; externalNetworks: string[] }>;
  infrastructure: string[];
  /** the reverse proxy found in front of versioned services (a guess; written as `proxy:`) */
  proxy: { service: string; upstreams: Record<string, number> } | null;
  /** where the project came from: the flags, a running compose project of the directory, or the files present */
  source: { kind: SourceKind; runningProject: string | null; containers: number | null; runningError: string | null };
  composeFiles: string[];
  envFiles: string[];
  keepVersions: number;
  syncEnvFile: boolean;
  decisions: InitDecision[];
}

export interface InitInput {
  dir: string;
  options: GlobalOptions;
  env: NodeJS.ProcessEnv;
  force: boolean;
  lang: Lang;
  /** asks a yes/no question; null with --yes or without a terminal */
  ask: ((question: string) => Promise<boolean>) | null;
  /** compose's containers on the engine (through the Engine API adapter) */
  running: () => Promise<LabelledContainer[]>;
}

export async function init(input: InitInput): Promise<InitResult> {
  const dir = resolve(input.dir);
  const configFile = input.options.config ? resolve(dir, input.options.config) : join(dir, 'reprise.yml');
  if (existsSync(configFile) && !input.force) throw new RepriseError('USAGE', 'initExists', { file: configFile }, { file: configFile });
  const source = await findSource({ dir, options: input.options, lang: input.lang, ask: input.ask, running: input.running });
  const project = loadProject(
    { projectDir: dir, config: input.options.config, engine: input.options.engine, file: source.files, envFile: source.envFiles ?? undefined, projectName: source.projectName ?? undefined },
    input.env,
  );
  const lang = input.lang;
  const rel = (f: string): string => relative(dir, f) || f;
  const decisions: InitDecision[] = [];
  const note = (topic: string, status: InitDecision['status'], key: MessageKey, params: Params, line: string | null = null, service: string | null = null): void => {
    decisions.push({ topic, status, service, message: t(lang, key, params), line });
  };
  const lookup = (k: string): string | undefined => input.env[k] ?? project.envVars.get(k);
  const files = project.composeFiles.map(rel);
  const envFiles = project.envFiles.map(rel);
  const envLine = (list: string[]): string => `env_file: ${list.length === 1 ? list[0] : `[${list.join(', ')}]`}`;

  // where from, which files, which name
  if (source.kind === 'running') note('source', 'decided', 'initFromRunning', { project: source.running!.name, running: source.running!.running, containers: source.running!.containers });
  else note('source', 'decided', source.kind === 'flags' ? 'initFromFlags' : 'initFromFiles', { files });
  if (source.runningError) note('source', 'undecided', 'initRunningUnreadable', { reason: source.runningError });
  if (source.staleRunning.length) note('source', 'undecided', 'initRunningStale', { projects: source.staleRunning });
  note('compose_files', 'decided', 'initComposeFiles', { files }, `compose_files: [${files.join(', ')}]`);
  const otherCompose = source.kind === 'files' ? composeLikeNames(readdirSync(dir)).filter((n) => !files.includes(n)) : [];
  if (otherCompose.length) note('compose_files', 'undecided', 'initComposeOthers', { files: otherCompose }, `compose_files: [${otherCompose[0]}]`);
  if (envFiles.length) note('env_file', 'decided', 'initEnvFiles', { files: envFiles }, envLine(envFiles));
  else note('env_file', 'decided', 'initNoEnvFile', {});
  const unused = source.kind === 'running' || input.options.envFile?.length ? [] : envFileNames(readdirSync(dir)).filter((n) => !project.envFiles.includes(join(dir, n)));
  if (unused.length) note('env_file', 'undecided', 'initEnvFilesUnused', { files: unused }, envLine([...envFiles, ...unused]));
  note('project', 'decided', 'initProjectName', { project: project.name }, `project: ${project.name}`);

  // services: health URL (published port, or the stack's proxy), Docker healthcheck, routers outside the project
  const extras = readComposeExtras(project.composeFiles);
  const external = new Map([...extras.externalNetworks].map(([k, name]) => [k, interpolate(name, lookup) || k]));
  const proxy = guessProxy(project, lookup);
  const services: InitResult['services'] = [];
  const cfgServices: Record<string, unknown> = {};
  for (const v of project.versioned) {
    const svc = project.compose.services.get(v.name)!;
    const x = extras.services.get(v.name);
    const own = v.oneShot ? null : publishedPort({ ...svc, ports: svc.ports.map((p) => interpolate(p, lookup)) });
    const port = own ?? proxy?.published.get(v.name) ?? null;
    const url = port ? `http://${port.host.includes(':') ? `[${port.host}]` : port.host}:${port.port}/health` : null;
    const healthcheckUrl = svc.hasHealthcheck ? healthcheckHttpUrl(x?.healthcheckTest ?? null) : null;
    const labels = Object.fromEntries(Object.entries(x?.labels ?? {}).map(([k, val]) => [k, interpolate(val, lookup)]));
    const router = v.oneShot ? null : routerOfLabels(labels);
    const externalNetworks = (x?.networks ?? []).filter((n) => external.has(n)).map((n) => external.get(n)!);
    services.push({ name: v.name, repository: v.repository, tagVariable: v.tagVariable, healthUrl: url, oneShot: v.oneShot, healthcheckUrl, router, externalNetworks });
    cfgServices[v.name] = url ? { health: { url } } : {};
    if (v.oneShot) continue;
    if (url) note('health', 'decided', own ? 'initHealthPublished' : 'initHealthProxy', { service: v.name, url, proxy: proxy?.service ?? '-' }, `services: { ${v.name}: { health: { url: "${url}" } } }`, v.name);
    else note('health', 'undecided', 'initNoHealthUrl', { service: v.name }, `services: { ${v.name}: { health: { url: "http://HOST:PORT/health" } } }`, v.name);
    if (healthcheckUrl) note('health', 'decided', 'initHealthcheckHttp', { service: v.name, url: healthcheckUrl }, null, v.name);
    else if (svc.hasHealthcheck) note('health', 'decided', 'initHealthcheckCommand', { service: v.name }, null, v.name);
    else if (!url) note('health', 'undecided', 'initNoHealthcheck', { service: v.name }, null, v.name);
  }
  const routed = services.filter((s) => s.router);
  for (const kind of ['traefik', 'caddy'] as const) {
    const these = routed.filter((s) => s.router === kind);
    if (these.length) note('router', 'decided', 'initRouterLabels', { services: these.map((s) => s.name), router: kind === 'traefik' ? 'Traefik' : 'caddy-docker-proxy', networks: [...new Set(these.flatMap((s) => s.externalNetworks))].join(', ') || '-' });
  }
  const byNetwork = services.filter((s) => !s.router && !s.oneShot && s.externalNetworks.length);
  if (byNetwork.length) note('network', 'decided', 'initExternalNetwork', { services: byNetwork.map((s) => s.name), networks: [...new Set(byNetwork.flatMap((s) => s.externalNetworks))] });
  // the services a router outside the project reaches (by labels, or by name on an external network) are
  // released start-first beside their running container (router:); not when the stack's own proxy fronts them
  const routerServices = proxy && proxy.upstreams.size ? [] : [...routed, ...byNetwork].filter((s) => !s.oneShot).map((s) => s.name);
  const routerKind: 'labels' | 'dns' = routed.length ? 'labels' : 'dns';
  const routerSettings: RouterSettings | null = routerServices.length ? { kind: routerKind, services: new Set(routerServices), settleMs: 2000 } : null;
  if (routerSettings) {
    note('router', 'decided', routerKind === 'labels' ? 'initRouterKindLabels' : 'initRouterKindDns', { services: routerServices }, routerKind === 'labels' ? 'router: { kind: dns }' : 'router: { kind: labels }');
  }
  for (const v of project.versioned.filter((s) => !s.oneShot)) {
    const svc = project.compose.services.get(v.name);
    const s = svc && routerSettings ? chooseStrategy(v, { containerName: svc.containerName, ports: svc.ports }, project.config.services?.[v.name]?.strategy ?? null, null, lookup, routerSettings) : project.strategies.get(v.name);
    if (!s) continue;
    if (s.strategy === 'start-first') note('strategy', 'decided', 'initStrategyStartFirst', { service: v.name }, null, v.name);
    else note('strategy', 'decided', 'initStrategyRecreate', { service: v.name, why: reasonText({ lang }, s) }, null, v.name);
  }
  note('prune', 'decided', 'initPrune', { keep: KEEP_VERSIONS }, `keep_versions: ${KEEP_VERSIONS}`);
  if (project.syncEnvFile) {
    // the files whose tag lines a release rewrites: the last one assigning each variable, else the first
    const texts = project.envFiles.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    const held = planTagSync(texts, Object.fromEntries(project.versioned.map((v) => [v.tagVariable, ''])));
    note('sync_env_file', 'decided', 'initSyncEnvFile', { files: held.length ? held.map((h) => rel(h.file)) : ['.env'] }, 'sync_env_file: false');
  }

  const doc = {
    project: project.name,
    compose_files: files,
    ...(envFiles.length ? { env_file: envFiles.length === 1 ? envFiles[0] : envFiles } : {}),
    services: cfgServices,
    health: { timeout: '120s', interval: '1s', readiness_delay: '5s' },
    ...(proxy && proxy.upstreams.size ? { proxy: { service: proxy.service, upstreams: Object.fromEntries(proxy.upstreams) } } : {}),
    ...(routerSettings ? { router: { kind: routerKind, services: routerServices, settle: '2s' } } : {}),
    keep_versions: KEEP_VERSIONS,
  };
  let header = '# reprise configuration — written by `reprise init`; every key is optional (see the README).\n';
  if (proxy && proxy.upstreams.size) {
    header += `# proxy: guessed — "${proxy.service}" publishes the ports of ${[...proxy.upstreams.keys()].join(', ')}; those are released start-first\n# behind it (check the container ports under proxy.upstreams; remove the section to recreate them instead).\n`;
  }
  if (routerSettings) {
    header += `# router: ${routerServices.join(', ')} ${routerKind === 'labels' ? 'carry a router\'s labels (Traefik…)' : 'sit on an external network'}: released start-first beside their\n# running container (it takes the name once healthy). kind: labels when the router follows Docker labels and skips\n# containers that are not healthy (Traefik), dns when it resolves the service's name (nginx, HAProxy, Caddy);\n# settle: how long the router takes to see a change. Remove the section to recreate them instead.\n`;
  }
  const missing = services.filter((s) => !s.oneShot && !s.healthUrl).map((s) => s.name);
  if (missing.length) header += `# no health URL for ${missing.join(', ')} (nothing published on this host): releases are gated on the Docker healthcheck;\n# add services.<name>.health.url when a URL reaches the service from here.\n`;
  header += `# keep_versions: ${KEEP_VERSIONS} — every successful deploy then prunes old versions' images (current, previous and the ${KEEP_VERSIONS} newest kept);\n# remove the line to prune only when you run \`reprise prune\`. The env files' tag lines follow every release\n# (sync_env_file: false turns that off).\n`;
  writeFileAtomic(configFile, header + stringify(doc), 0o644);
  return {
    ok: true,
    file: configFile,
    project: project.name,
    services,
    infrastructure: project.infrastructure,
    proxy: proxy && proxy.upstreams.size ? { service: proxy.service, upstreams: Object.fromEntries(proxy.upstreams) } : null,
    source: { kind: source.kind, runningProject: source.running?.name ?? null, containers: source.running?.containers ?? null, runningError: source.runningError },
    composeFiles: files,
    envFiles,
    keepVersions: KEEP_VERSIONS,
    syncEnvFile: project.syncEnvFile,
    decisions,
  };
}

/**
 * A reverse proxy in front of versioned services: an infrastructure service that depends on long-running
 * versioned ones and publishes ports. Each published port goes to the dependency named in its variable
 * (`${API_PORT:-8000}:8000` → api), else to the dependencies in order. A guess: init says so in the file.
 */
function guessProxy(project: Project, lookup: (k: string) => string | undefined): { service: string; upstreams: Map<string, number>; published: Map<string, { host: string; port: number }> } | null {
  const longRunning = new Set(project.versioned.filter((v) => !v.oneShot).map((v) => v.name));
  for (const name of project.infrastructure) {
    const svc = project.compose.services.get(name);
    if (!svc || svc.ports.length === 0) continue;
    const deps = svc.dependsOn.filter((d) => longRunning.has(d));
    if (deps.length === 0) continue;
    const upstreams = new Map<string, number>();
    const published = new Map<string, { host: string; port: number }>();
    svc.ports.forEach((spec, i) => {
      const variable = /\$\{?([A-Za-z_][A-Za-z0-9_]*)/.exec(spec)?.[1]?.toLowerCase() ?? '';
      const target = deps.find((d) => variable && variable.startsWith(d.toLowerCase().replace(/[^a-z0-9]/g, ''))) ?? (svc.ports.length === deps.length ? deps[i] : undefined);
      const host = publishedPort({ ...svc, ports: [interpolate(spec, lookup)] });
      const containerPort = Number(interpolate(spec, lookup).split('/')[0].split(':').pop());
      if (!target || !host || !Number.isInteger(containerPort) || upstreams.has(target)) return;
      upstreams.set(target, containerPort);
      published.set(target, host);
    });
    if (upstreams.size) return { service: name, upstreams, published };
  }
  return null;
}
