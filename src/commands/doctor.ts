// `reprise doctor`: the diagnostic toolbox of seed §9.1 (`docker-compose ps`, `docker stats`, `df -h`,
// `free -h`) plus the configuration problems reprise can see, as checks with findings and fixes.
// Read-only: never creates .reprise/, never takes the lock; keeps going when the engine is down or the
// configuration is invalid (those become failed checks, and the checks needing them are skipped).
import { reasonText } from '../release/plan/plan-output';
import { existsSync, promises as fsp, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { DockerApi } from '../adapters/docker/api';
import { childEnv, DEFAULT_SOCKET, resolveEndpoint, type ResolvedEndpoint } from '../adapters/docker/endpoint';
import type { ApiVersionSource } from '../adapters/docker/api-version';
import { containerStats } from '../adapters/docker/stats';
import { parseEnvFile } from '../adapters/env-file/env-file';
import { RunError } from '../adapters/process/run';
import { isHolderDead, Store } from '../adapters/store';
import { loadProject, type GlobalOptions, type Project } from '../config/project';
import { isRepriseError, type RepriseError } from '../domain/errors';
import { hint, pickLang, t, type Lang, type MessageKey } from '../domain/messages';
import { currentVersionOf, tagOf } from '../domain/plan';
import { lastDeployedVersion, previousGoodVersion } from '../domain/previous';
import { isSecretName, redact, secretValues } from '../domain/redact';
import { interpolate } from '../domain/interpolate';
import { fixedHostPort } from '../domain/strategy';
import { versionCatalogue } from '../domain/versions';
import { envRollbackTarget, versionNamed } from '../domain/env-rollback';
import type { Release } from '../domain/types';
import { listEngineContainers } from '../engines/compose/engine-containers';
import { ownershipFacts, splitCatalogue } from '../release/resolve/project-versions';
import { ComposeRunner, detectCompose, type ComposeCli } from '../engines/compose/compose-cli';
import { listImages, listProjectContainers } from '../engines/compose/docker-reads';
import { detectStackCli } from '../engines/swarm/stack-cli';
import { declaredOf, listStackContainers, stackServices, swarmInfo, taskStats } from '../engines/swarm/swarm-reads';
import type { ServiceContainer } from '../engines/engine';
import { serviceContainer } from '../engines/service-container';
import { whoAmI } from '../release/context';
import { interruptedOperation, interruptedParams } from '../release/guard';
import { runningTags } from '../release/resolve/resolve';
import { healthNowAll } from '../release/verify/health-now';
import { containerHealthcheck, runContainerHealthcheck } from '../engines/compose/healthcheck-ops';
import {
  diskFromStatfs,
  judgeDisk,
  judgeDrift,
  judgeEnvFiles,
  judgeEnvRollback,
  judgeEnvTags,
  judgeLock,
  judgeMemory,
  judgeServices,
  judgeSideBySide,
  judgeStats,
  judgeSwarm,
  judgeVersions,
  memoryFromMeminfo,
  serviceRows,
  sideBySideBlockers,
  type CheckStatus,
  type DiskFacts,
  type DoctorCheckId,
  type EnvFileFacts,
  type EnvRollbackFacts,
  type EnvTagFacts,
  type Judgement,
  type Msg,
  type StatsRow,
  type SwarmFactsForDoctor,
} from './doctor-checks';
import { judgeRemoteEngine } from './doctor-remote';

export type { CheckStatus, DoctorCheckId } from './doctor-checks';

export interface DoctorCheck {
  id: DoctorCheckId;
  status: CheckStatus;
  summary: string;
  details: Record<string, unknown>;
  fix: string | null;
}

export interface DoctorResult {
  /** false when any check failed (warnings and skipped checks do not count) */
  ok: boolean;
  project: string | null;
  projectDir: string;
  checks: DoctorCheck[];
}

export interface DoctorInput {
  options: GlobalOptions;
  env: NodeJS.ProcessEnv;
  /** language flag (--lang); the project's `lang:` is used when the flag and REPRISE_LANG are absent */
  langFlag?: string;
}

/** Docker calls of the doctor give up sooner than an operation's: a hung daemon is a finding. */
const DOCKER_TIMEOUT_MS = 10_000;

interface EngineFacts {
  version: string;
  /** the daemon's API range (its newest, its oldest) */
  apiVersion: string;
  minApiVersion: string;
  /** the version reprise speaks to it, and where that comes from */
  clientApiVersion: string;
  apiVersionSource: ApiVersionSource;
  os: string;
  arch: string;
  rootDir: string | null;
  ncpu: number | null;
  memTotal: number | null;
  warnings: string[];
}

export async function doctor(input: DoctorInput): Promise<{ result: DoctorResult; lang: Lang }> {
  const dir = resolve(input.options.projectDir ?? input.env.REPRISE_PROJECT_DIR ?? process.cwd());
  const env = input.env;
  const { host } = whoAmI(env);

  // 1. the project (config, compose files, env file); an invalid one is a finding, not the end
  let project: Project | null = null;
  let configError: unknown = null;
  try {
    project = loadProject({ ...input.options, projectDir: dir }, env);
  } catch (e) {
    configError = e;
  }
  const lang = pickLang(input.langFlag, env, project?.config.lang);
  const tr = (m: Msg): string => t(lang, m[0], m[1]);
  const make = (id: DoctorCheckId, j: Judgement): DoctorCheck => ({ id, status: j.status, summary: tr(j.summary), details: j.details, fix: j.fix ? tr(j.fix) : null });
  const skipped = (id: DoctorCheckId, key: MessageKey): DoctorCheck => ({ id, status: 'skipped', summary: t(lang, key), details: {}, fix: null });
  const failed = (id: DoctorCheckId, e: unknown): DoctorCheck => ({
    id,
    status: 'fail',
    summary: t(lang, 'doctorCheckError', { reason: errorText(lang, e) }),
    details: { error: errorText(lang, e) },
    fix: isRepriseError(e) ? hint(lang, e.key, e.params) : null,
  });
  const guard = async (id: DoctorCheckId, fn: () => Promise<DoctorCheck> | DoctorCheck): Promise<DoctorCheck> => {
    try {
      return await fn();
    } catch (e) {
      return failed(id, e);
    }
  };

  // the engine the user points at (DOCKER_HOST, DOCKER_CONTEXT, the docker CLI's current context); one that
  // reprise cannot use is the engine check's finding, with its fix
  let endpoint: ResolvedEndpoint | null = null;
  let endpointError: RepriseError | null = null;
  try {
    endpoint = resolveEndpoint(env);
  } catch (e) {
    if (!isRepriseError(e)) throw e;
    endpointError = e;
  }
  const api = endpoint ? new DockerApi(endpoint, DOCKER_TIMEOUT_MS) : null;
  // docker and compose children go to that same engine
  const dockerEnv = endpoint ? childEnv(endpoint, env) : env;

  // independent checks run at once: engine, compose, memory
  const enginePromise: Promise<EngineFacts | { error: string; refusal?: RepriseError }> = api ? engineFacts(api) : Promise.resolve({ error: endpointError!.message, refusal: endpointError! });
  const composePromise = guard('compose', () => composeCheck(lang, dockerEnv, project));
  const memoryCheck = await guard('memory', () => {
    const m = memoryFromMeminfo(readFileSync('/proc/meminfo', 'utf8'));
    if (!m) throw new Error('/proc/meminfo: no MemTotal/MemAvailable');
    return make('memory', judgeMemory(m));
  });

  const engine = await enginePromise;
  const engineCheck: DoctorCheck =
    'error' in engine && engine.refusal
      ? {
          id: 'engine',
          status: 'fail',
          summary: t(lang, engine.refusal.key, engine.refusal.params),
          details: { endpoint: describeEndpoint(endpoint), error: engine.error, ...engine.refusal.details },
          fix: hint(lang, engine.refusal.key, engine.refusal.params),
        }
      : 'error' in engine
      ? {
          id: 'engine',
          status: 'fail',
          summary: t(lang, 'doctorEngineFail', { endpoint: describeEndpoint(endpoint), reason: engine.error }),
          details: { endpoint: describeEndpoint(endpoint), error: engine.error },
          fix: endpoint?.kind === 'ssh' || endpoint?.kind === 'tcp' ? t(lang, endpoint.kind === 'ssh' ? 'doctorEngineFixSsh' : 'doctorEngineFixTcp', { url: endpoint.url }) : t(lang, 'doctorEngineFix'),
        }
      : {
          id: 'engine',
          status: 'ok',
          summary: t(lang, 'doctorEngineOk', {
            version: engine.version,
            api: engine.apiVersion,
            minApi: engine.minApiVersion,
            clientApi: engine.clientApiVersion,
            via: engine.apiVersionSource === 'DOCKER_API_VERSION' ? ' via DOCKER_API_VERSION' : '',
            os: engine.os,
            arch: engine.arch,
            endpoint: describeEndpoint(endpoint),
          }),
          details: { endpoint: describeEndpoint(endpoint), ...whereDetails(endpoint), ...engine },
          fix: null,
        };
  const engineUp = api !== null && !('error' in engine);

  const configCheck: DoctorCheck = project
    ? {
        id: 'config',
        status: 'ok',
        summary: t(lang, 'doctorConfigOk', {
          project: project.name,
          count: project.versioned.length,
          services: project.versioned.map((s) => s.name),
          files: project.composeFiles,
          envFile: project.envFiles.length ? project.envFiles : '-',
          config: existsSync(project.configFile) ? project.configFile : t(lang, 'doctorNoConfigFile'),
        }),
        details: {
          configFile: existsSync(project.configFile) ? project.configFile : null,
          project: project.name,
          environment: project.environment,
          composeFiles: project.composeFiles,
          envFile: project.envFiles[0] ?? null,
          envFiles: project.envFiles,
          versioned: project.versioned.map((s) => ({ service: s.name, repository: s.repository, tagVariable: s.tagVariable, oneShot: s.oneShot, healthUrl: s.healthUrl })),
          infrastructure: project.infrastructure,
        },
        fix: null,
      }
    : {
        id: 'config',
        status: 'fail',
        summary: t(lang, 'doctorConfigFail', { reason: errorText(lang, configError) }),
        details: isRepriseError(configError) ? { code: configError.code, ...configError.details } : { error: errorText(lang, configError) },
        fix: (isRepriseError(configError) ? hint(lang, configError.key, configError.params) : null) ?? t(lang, 'doctorConfigFix'),
      };

  // the state store, read-only: an absent one means no history, no lock, no journal (never created here)
  let store: Store | null = null;
  let storeError: unknown = null;
  if (project && existsSync(project.stateFile)) {
    try {
      store = Store.open(project.stateFile);
    } catch (e) {
      storeError = e;
    }
  }

  try {
    const p = project;
    const lookup = (k: string): string | undefined => env[k] ?? p?.envVars.get(k);
    const swarm = p?.engine === 'swarm';
    const containersPromise: Promise<ServiceContainer[]> | null = p && engineUp ? (swarm ? listStackContainers(api, p.name) : listProjectContainers(api, p.name)) : null;
    containersPromise?.catch(() => undefined);

    const servicesCheck = !p
      ? skipped('services', 'doctorSkippedConfig')
      : !engineUp
        ? skipped('services', 'doctorSkippedEngine')
        : await guard('services', async () => {
            // Docker's `starting` right after a release: the healthcheck run now decides (health-now.ts; a
            // Swarm task's id is no container here: Docker's word stands)
            const runner = { healthcheck: (id: string) => containerHealthcheck(api, id), runHealthcheck: runContainerHealthcheck.bind(null, api) };
            const containers = await healthNowAll(runner, await containersPromise!);
            return make('services', judgeServices(serviceRows([...p.compose.services.values()], p.versioned, containers), p.name));
          });

    const statsCheck = !p
      ? skipped('stats', 'doctorSkippedConfig')
      : !engineUp
        ? skipped('stats', 'doctorSkippedEngine')
        : await guard('stats', async () => {
            const running = (await containersPromise!).filter((c) => c.state === 'running');
            const rows = await Promise.all(
              running.map(async (c): Promise<StatsRow | null> => {
                const u = swarm ? await taskStats(api, c.id) : await containerStats(api, c.id);
                return u ? { container: c.name, service: c.service, ...u } : null;
              }),
            );
            return make('stats', judgeStats(rows.filter((r): r is StatsRow => r !== null), p.thresholds.cpuPercent, p.thresholds.memoryPercent));
          });

    const releases = store && p ? store.listReleases(p.name) : [];
    const versionsCheck = !p
      ? skipped('versions', 'doctorSkippedConfig')
      : !engineUp
        ? skipped('versions', 'doctorSkippedEngine')
        : await guard('versions', async () => {
            const [containers, images, services, all] = await Promise.all([containersPromise!, listImages(api, p.versioned.map((s) => s.repository)), swarm ? stackServices(api, p.name) : null, listEngineContainers(api)]);
            const running = runningTags(p.versioned, containers, services ? declaredOf(p.name, services) : null);
            const current = currentVersionOf(p.versioned, running).version;
            const previous = previousGoodVersion(releases, current);
            const catalogue = versionCatalogue(p.versioned, images, releases, current, previous);
            // this project's versions only: another project's tags of the same repositories are never judged
            // here, so never suggested for removal (see "Versions belong to the project")
            const { own, elsewhere } = splitCatalogue(catalogue, ownershipFacts(p, store, releases, images, all, running.values()));
            return make('versions', judgeVersions(own, p.versioned, current, previous, elsewhere));
          });

    const driftCheck = !p
      ? skipped('drift', 'doctorSkippedConfig')
      : !engineUp
        ? skipped('drift', 'doctorSkippedEngine')
        : await guard('drift', async () => make('drift', judgeDrift(p.versioned, await containersPromise!, lastDeployedVersion(releases))));

    // compose only: what a plain `docker compose up -d` would read against what runs (Swarm reads no env file)
    const envTagsCheck = !p || swarm
      ? null
      : !engineUp
        ? skipped('env_tags', 'doctorSkippedEngine')
        : await guard('env_tags', async () => make('env_tags', judgeEnvTags(envTagFacts(p, env, await containersPromise!), p.syncEnvFile)));

    const sideCheck = !p
      ? skipped('side_by_side', 'doctorSkippedConfig')
      : await guard('side_by_side', () => {
          const checked = p.versioned.filter((s) => !s.oneShot).map((s) => s.name);
          const strategies = p.versioned
            .filter((s) => !s.oneShot)
            .map((s) => p.strategies.get(s.name)!)
            .map((s) => ({ service: s.service, strategy: s.strategy, reason: s.reason, why: s.reason ? reasonText({ lang }, s) : null }));
          const remote = endpoint?.remote ? endpoint.description : null;
          // on Swarm, Swarm's update order does the start-first (no container address is probed from here)
          if (swarm) return make('side_by_side', judgeSideBySide([], checked, strategies, null));
          // a fixed container_name is no obstacle behind a router outside the project (the twin takes the name)
          const blockers = sideBySideBlockers([...p.compose.services.values()], p.versioned, lookup).filter((b) => b.hostPorts.length || p.strategies.get(b.service)?.via !== 'router');
          return make('side_by_side', judgeSideBySide(blockers, checked, strategies, remote));
        });

    const swarmCheck = !swarm || !p ? null : !engineUp ? skipped('swarm', 'doctorSkippedEngine') : await guard('swarm', async () => make('swarm', judgeSwarm(lang, await swarmFacts(api, p, dockerEnv, endpoint!))));

    const envCheck = await guard('env_file', () => make('env_file', judgeEnvFiles(envFileFacts(p, dir, input.options.envFile))));

    const envRollbackCheck = !p
      ? skipped('env_rollback', 'doctorSkippedConfig')
      : storeError
        ? skipped('env_rollback', 'doctorSkippedStore')
        : await guard('env_rollback', () => make('env_rollback', judgeEnvRollback(envRollbackFacts(p, releases))));

    const lockCheck = !p
      ? skipped('lock', 'doctorSkippedConfig')
      : storeError
        ? failedStore('lock', lang, p.stateFile, storeError)
        : await guard('lock', () => {
            const h = store ? store.getLock(p.name) : null;
            return make('lock', judgeLock(h, h ? isHolderDead(h, host) : false, host));
          });

    const interruptedCheck = !p
      ? skipped('interrupted', 'doctorSkippedConfig')
      : storeError
        ? failedStore('interrupted', lang, p.stateFile, storeError)
        : await guard('interrupted', () => {
            const j = store ? interruptedOperation({ store, project: p, host }) : null;
            if (!j) return { id: 'interrupted', status: 'ok', summary: t(lang, 'doctorInterruptedNone'), details: { journal: null }, fix: null };
            return { id: 'interrupted', status: 'fail', summary: t(lang, 'doctorInterrupted', interruptedParams(j)), details: { journal: j }, fix: t(lang, 'doctorInterruptedFix') };
          });

    const diskCheck = await guard('disk', async () => {
      const disks: DiskFacts[] = [];
      const unmeasured: Array<{ role: DiskFacts['role']; path: string; reason: string }> = [];
      const measure = async (role: DiskFacts['role'], path: string): Promise<void> => {
        try {
          disks.push(diskFromStatfs(role, path, await fsp.statfs(path)));
        } catch (e) {
          unmeasured.push({ role, path, reason: (e as Error).message });
        }
      };
      await measure('project', dir);
      if (!('error' in engine) && engine.rootDir) {
        // the data root is on the daemon's machine: measurable from here only through a local socket
        if (endpoint?.local) await measure('docker', engine.rootDir);
        else unmeasured.push({ role: 'docker', path: engine.rootDir, reason: 'remote engine' });
      }
      return make('disk', judgeDisk(lang, disks, unmeasured));
    });

    // a remote engine: what works from here, what needs care (health URLs, start-first, images)
    const remoteCheck: DoctorCheck | null = !endpoint?.remote
      ? null
      : make(
          'remote_engine',
          judgeRemoteEngine(lang, {
            engine: endpoint.description,
            healthUrls: (p?.versioned ?? []).filter((s) => !s.oneShot && s.healthUrl).map((s) => ({ service: s.name, url: s.healthUrl! })),
            startFirst: p && !swarm ? p.versioned.filter((s) => !s.oneShot && p.strategies.get(s.name)?.strategy === 'start-first').map((s) => s.name) : [],
          }),
        );

    const checks: DoctorCheck[] = [
      configCheck,
      engineCheck,
      ...(remoteCheck ? [remoteCheck] : []),
      await composePromise,
      servicesCheck,
      statsCheck,
      versionsCheck,
      driftCheck,
      ...(envTagsCheck ? [envTagsCheck] : []),
      sideCheck,
      ...(swarmCheck ? [swarmCheck] : []),
      envCheck,
      envRollbackCheck,
      lockCheck,
      interruptedCheck,
      diskCheck,
      memoryCheck,
    ];
    // nothing derived from the environment or the env file may carry a secret value
    const fileValues = project ? project.envFileVars.flatMap((f) => [...f.vars.entries()]) : [];
    const secrets = secretValues([...(project?.envVars ?? fallbackEnvVars(dir, input.options.envFile)).entries(), ...fileValues, ...Object.entries(env)]);
    const result: DoctorResult = {
      ok: checks.every((c) => c.status !== 'fail'),
      project: project?.name ?? null,
      projectDir: dir,
      checks: checks.map((c) => redactDeep(c, secrets)),
    };
    return { result, lang };
  } finally {
    store?.close();
  }
}

/**
 * What the swarm check judges (engine: swarm). The kernel's IPVS is this machine's when the engine's socket
 * is here; /var/run/docker.pid and /proc are the default engine's only when it is the default socket.
 */
async function swarmFacts(api: DockerApi, p: Project, env: NodeJS.ProcessEnv, where: ResolvedEndpoint): Promise<SwarmFactsForDoctor> {
  const local = where.local;
  const info = await swarmInfo(api);
  const nodes = info.manager
    ? (await api.get<Array<{ Description?: { Hostname?: string }; Spec?: { Role?: string; Availability?: string }; Status?: { State?: string } }>>('/nodes')).map((n) => ({
        hostname: n.Description?.Hostname ?? '?',
        role: n.Spec?.Role ?? '?',
        state: n.Status?.State ?? '?',
        availability: n.Spec?.Availability ?? '?',
      }))
    : null;
  const program = env.REPRISE_DOCKER_CLI || 'docker';
  const cli = await detectStackCli(env).then(
    () => true,
    () => false,
  );
  // a service relies on IPVS with a virtual IP (the default endpoint mode) or a port published through the routing mesh
  const lookup = (k: string): string | undefined => env[k] ?? p.envVars.get(k);
  const needIpvs = [...p.compose.services.values()]
    .filter((svc) => {
      const host = new Set(svc.swarm.hostPorts.map((h) => interpolate(h, lookup)));
      const ingress = svc.ports.some((spec) => {
        const fixed = fixedHostPort(spec, lookup);
        return fixed !== null && !host.has(fixed.split(':').pop() ?? '');
      });
      return svc.swarm.endpointMode !== 'dnsrr' || ingress;
    })
    .map((svc) => svc.name);
  let preferOffline: boolean | null = null;
  if (where.kind === 'unix' && where.socketPath === DEFAULT_SOCKET) {
    try {
      const pid = readFileSync('/var/run/docker.pid', 'utf8').trim();
      preferOffline = readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').includes('DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1');
    } catch {
      // not readable (another user, another pid file): unknown
    }
  }
  return { state: info.state, manager: info.manager, nodes, cli, cliProgram: program, ipvs: local ? existsSync('/proc/net/ip_vs') : null, needIpvs, preferOffline };
}

/**
 * `refusal`: an error with its own line and fix, not "the engine does not answer" (no API version in common,
 * DOCKER_API_VERSION invalid or refused by the engine).
 */
async function engineFacts(api: DockerApi): Promise<EngineFacts | { error: string; refusal?: RepriseError }> {
  try {
    const n = await api.versions();
    if (!n.ok) throw api.refusal(n);
    // versioned: a DOCKER_API_VERSION the engine refuses is the clear DOCKER_UNAVAILABLE line here
    const v = await api.get<{ Version?: string; Os?: string; Arch?: string }>('/version');
    let info: { DockerRootDir?: string; NCPU?: number; MemTotal?: number; Warnings?: string[] | null } = {};
    try {
      info = await api.get('/info');
    } catch {
      // /version answered: the engine is up; the data root stays unknown
    }
    return {
      version: v.Version ?? '?',
      apiVersion: n.daemon.max,
      minApiVersion: n.daemon.min,
      clientApiVersion: n.version,
      apiVersionSource: n.source,
      os: v.Os ?? '?',
      arch: v.Arch ?? '?',
      rootDir: info.DockerRootDir ?? null,
      ncpu: info.NCPU ?? null,
      memTotal: info.MemTotal ?? null,
      warnings: info.Warnings ?? [],
    };
  } catch (e) {
    if (isRepriseError(e) && e.key !== 'dockerUnavailable') return { error: e.message, refusal: e };
    return { error: isRepriseError(e) ? String(e.params.reason ?? e.message) : (e as Error).message };
  }
}

async function composeCheck(lang: Lang, env: NodeJS.ProcessEnv, project: Project | null): Promise<DoctorCheck> {
  let cli: ComposeCli;
  try {
    cli = await detectCompose(env);
  } catch (e) {
    return {
      id: 'compose',
      status: 'fail',
      summary: t(lang, 'doctorComposeFail', { forced: env.REPRISE_COMPOSE ?? '-' }),
      details: { forced: env.REPRISE_COMPOSE ?? null },
      fix: isRepriseError(e) ? hint(lang, e.key, e.params) : null,
    };
  }
  const command = [cli.program, ...cli.prefix].join(' ');
  const details: Record<string, unknown> = { flavour: cli.flavour, version: cli.version, command, forced: env.REPRISE_COMPOSE ?? null };
  if (!project) return { id: 'compose', status: 'ok', summary: t(lang, 'doctorComposeOk', { flavour: cli.flavour, version: cli.version, command }), details, fix: null };
  // compose itself validates the project's files (what the raw reader of reprise does not check)
  const runner = new ComposeRunner(cli, { dir: project.dir, project: project.name, files: project.composeFiles, envFiles: project.envFiles }, env, 30_000);
  try {
    await runner.exec(['config', '-q'], {});
    details.filesValid = true;
    return { id: 'compose', status: 'ok', summary: t(lang, 'doctorComposeValid', { flavour: cli.flavour, version: cli.version, command }), details, fix: null };
  } catch (e) {
    const reason = e instanceof RunError ? (e.result.stderr || e.result.stdout).trim().split('\n').slice(-3).join(' | ') : (e as Error).message;
    details.filesValid = false;
    details.error = reason;
    return { id: 'compose', status: 'fail', summary: t(lang, 'doctorComposeInvalid', { flavour: cli.flavour, version: cli.version, reason }), details, fix: t(lang, 'doctorComposeInvalidFix', { command }) };
  }
}

/** The env files to judge: each of the project's, and the .env.rollback reprise keeps (same secrets). */
function envFileFacts(project: Project | null, dir: string, envFileFlags: string[] | undefined): EnvFileFacts[] {
  const paths = project ? [...project.envFiles, project.envRollbackFile] : envFileFlags?.length ? envFileFlags.map((f) => resolve(dir, f)) : [join(dir, '.env')];
  const out: EnvFileFacts[] = [];
  for (const path of [...new Set(paths)]) {
    let mode: number | null = null;
    let secretNames: string[] = [];
    try {
      mode = statSync(path).mode & 0o7777;
      const vars = parseEnvFile(readFileSync(path, 'utf8'));
      secretNames = [...vars.entries()].filter(([k, v]) => v !== '' && isSecretName(k)).map(([k]) => k);
    } catch {
      // absent or unreadable: nothing to judge
    }
    out.push({ path, mode, secretNames });
  }
  return out;
}

/** .env.rollback as it is, and what reprise wrote there after the last successful release. */
function envRollbackFacts(p: Project, releases: Release[]): EnvRollbackFacts {
  const file = relative(p.dir, p.envRollbackFile) || p.envRollbackFile;
  const current = lastDeployedVersion(releases);
  const expected = current ? envRollbackTarget(releases, current) : null;
  let text: string | null = null;
  try {
    text = readFileSync(p.envRollbackFile, 'utf8');
  } catch {
    // absent or unreadable
  }
  const names = text === null ? null : versionNamed(parseEnvFile(text), p.versioned.map((s) => s.tagVariable));
  return { file, exists: text !== null, names, expected, current };
}

/** Per versioned service: the tag compose would read (shell, then the env files, then the compose default) and the one running. */
function envTagFacts(p: Project, env: NodeJS.ProcessEnv, containers: ServiceContainer[]): EnvTagFacts[] {
  const lookup = (k: string): string | undefined => env[k] ?? p.envVars.get(k);
  return p.versioned.map((s) => {
    const c = serviceContainer(containers, s.name, s.oneShot);
    const definedIn = [...p.envFileVars].reverse().find((f) => f.vars.has(s.tagVariable))?.file;
    return {
      service: s.name,
      variable: s.tagVariable,
      composeTag: tagOf(interpolate(s.imageTemplate, lookup), s.repository),
      source: env[s.tagVariable] !== undefined ? 'environment' : definedIn ? relative(p.dir, definedIn) || definedIn : 'default',
      runningTag: c ? tagOf(c.image, s.repository) : null,
    };
  });
}

/** Variables of the env files when the project could not be loaded (to mask their values all the same). */
function fallbackEnvVars(dir: string, envFileFlags: string[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of envFileFlags?.length ? envFileFlags.map((x) => resolve(dir, x)) : [join(dir, '.env')]) {
    try {
      for (const [k, v] of parseEnvFile(readFileSync(f, 'utf8'))) out.set(k, v);
    } catch {
      // absent or unreadable: nothing to mask from it
    }
  }
  return out;
}

function failedStore(id: DoctorCheckId, lang: Lang, file: string, e: unknown): DoctorCheck {
  const reason = (e as Error).message;
  return { id, status: 'fail', summary: t(lang, 'doctorStoreUnreadable', { file, reason }), details: { file, error: reason }, fix: t(lang, 'doctorStoreFix', { file }) };
}

function errorText(lang: Lang, e: unknown): string {
  if (isRepriseError(e)) return `${e.code}: ${t(lang, e.key, e.params)}`;
  return (e as Error)?.message ?? String(e);
}

/** Where the engine is and how it was chosen ("context staging (ssh://deploy@host)"); '-' when unresolved. */
function describeEndpoint(e: ResolvedEndpoint | null): string {
  return e?.description ?? '-';
}

function whereDetails(e: ResolvedEndpoint | null): Record<string, unknown> {
  return e ? { engineUrl: e.url, engineSource: e.source, engineContext: e.context, engineRemote: e.remote } : {};
}

function redactDeep<T>(value: T, secrets: string[]): T {
  if (secrets.length === 0) return value;
  if (typeof value === 'string') return redact(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => redactDeep(v, secrets)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactDeep(v, secrets);
    return out as T;
  }
  return value;
}
