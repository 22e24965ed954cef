// Resolves flags + environment + reprise.yml + compose file(s) into one project description.
// Over 300 lines on purpose: loadProject is one resolution order (flags, environment variables, reprise.yml,
// the compose files, the env files) that reads best in one place.
import { envFilesOf, sharedEnvFiles } from './env-files';
import { existsSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { RepriseError } from '../domain/errors';
import { parseDuration } from '../domain/duration';
import { interpolate } from '../domain/interpolate';
import type { VersionedService } from '../domain/types';
import { chooseStrategy, chooseSwarmStrategy, type ProxySettings, type RouterSettings, type ServiceStrategy } from '../domain/strategy';
import { DEFAULT_LOG_PATTERNS, DEFAULT_THRESHOLDS, type Thresholds } from '../domain/thresholds';
import { parseEnvFile } from '../adapters/env-file/env-file';
import { mergeEnvVars } from '../adapters/env-file/merge';
import { readComposeFiles, versionedOf, type ComposeModel } from '../engines/compose/compose-file';
import { configInvalid, loadConfig } from './load';
import { ParseCache } from '../adapters/fs/parse-cache';
import type { RawConfig } from './schema';

export interface GlobalOptions {
  projectDir?: string;
  config?: string;
  file?: string[];
  projectName?: string;
  /** --env-file, repeatable: compose v2 reads them in order, a later file overriding an earlier one */
  envFile?: string[];
  env?: string;
  lang?: string;
  /** --engine compose|swarm */
  engine?: string;
}

/** What runs the stack: compose (one host) or Docker Swarm (`docker stack deploy`). */
export type EngineKind = 'compose' | 'swarm';
export const ENGINES: readonly EngineKind[] = ['compose', 'swarm'];

export interface HealthSettings {
  timeoutMs: number;
  intervalMs: number;
  readinessDelayMs: number;
}

export interface Project {
  dir: string;
  configFile: string;
  config: RawConfig;
  environment: string | null;
  /** compose, or swarm (the project's name is then the stack's name) */
  engine: EngineKind;
  name: string;
  composeFiles: string[];
  /** the project's env files, in order (compose v2 gets one `--env-file` each); empty without one */
  envFiles: string[];
  /** variables of the env files merged, a later file winning (for interpolation); never printed */
  envVars: Map<string, string>;
  /** each env file's own variables, in order (secrets of every file are masked, overridden ones too) */
  envFileVars: Array<{ file: string; vars: Map<string, string> }>;
  /** keep the tag-variable lines of the env files in step with what runs after every release (sync_env_file) */
  syncEnvFile: boolean;
  /** env file → the other environments of the configuration that use it too (its tag lines cannot follow one alone) */
  envFilesSharedWith: Map<string, string[]>;
  compose: ComposeModel;
  versioned: VersionedService[];
  infrastructure: string[];
  health: HealthSettings;
  /** seed §5.3 thresholds (defaults filled in) */
  thresholds: Thresholds;
  /** critical log lines (defaults filled in) */
  logPatterns: RegExp[];
  /** the stack's reverse proxy (reprise.yml `proxy:`), null without one — and on Swarm, which switches traffic itself */
  proxy: ProxySettings | null;
  /** a router outside the project (reprise.yml `router:`), null without one — and on Swarm */
  router: RouterSettings | null;
  /** how each versioned service is replaced (start-first where possible, else recreate and why) */
  strategies: Map<string, ServiceStrategy>;
  stateFile: string;
  metricsFile: string;
  envRollbackFile: string;
}

/** the names `environments:` accepts (schema.ts), at most 64 characters */
const ENVIRONMENT_NAME = /^[A-Za-z0-9_-]{1,64}$/;

const DEFAULT_COMPOSE_FILES = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'];

/** Compose's own normalisation of a project name. */
export function normaliseProjectName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9_-]/g, '');
}


export function loadProject(opts: GlobalOptions, env: NodeJS.ProcessEnv): Project {
  const dir = resolve(opts.projectDir ?? env.REPRISE_PROJECT_DIR ?? process.cwd());
  const configFile = opts.config ? resolve(dir, opts.config) : join(dir, 'reprise.yml');
  const cache = new ParseCache(join(dir, '.reprise', 'parse-cache.json'));
  const { config, lineOf } = loadConfig(configFile, Boolean(opts.config), cache);

  // -e "" is a mistake; REPRISE_ENV="" is an unset variable
  const envName = opts.env ?? (env.REPRISE_ENV || null);
  let envCfg: NonNullable<RawConfig['environments']>[string] | null = null;
  if (envName !== null && !ENVIRONMENT_NAME.test(envName)) {
    // the name is quoted, control characters escaped: the message stays one line
    throw configInvalid(configFile, lineOf(['environments']), 'environments', `invalid environment name ${JSON.stringify(envName.slice(0, 64))}: letters, digits, "_" and "-" (e.g. -e production)`);
  }
  if (envName) {
    envCfg = config.environments?.[envName] ?? null;
    if (!envCfg) {
      const known = Object.keys(config.environments ?? {});
      throw configInvalid(configFile, lineOf(['environments']), `environments.${envName}`, `unknown environment (known: ${known.join(', ') || 'none'})`);
    }
  }

  // flag, then environment variable, then the environment's own setting, then the file's (SPEC §7)
  const engineName = opts.engine || env.REPRISE_ENGINE || envCfg?.engine || config.engine || 'compose';
  if (!(ENGINES as readonly string[]).includes(engineName)) {
    throw new RepriseError('USAGE', 'engineUnknown', { engine: engineName, known: [...ENGINES] });
  }
  const engine = engineName as EngineKind;

  const fileList = opts.file?.length ? opts.file : (envCfg?.compose_files ?? config.compose_files ?? null);
  const composeFiles = fileList
    ? fileList.map((f) => (isAbsolute(f) ? f : join(dir, f)))
    : DEFAULT_COMPOSE_FILES.map((f) => join(dir, f)).filter(existsSync).slice(0, 1);
  const missing = composeFiles.filter((f) => !existsSync(f));
  if (composeFiles.length === 0 || missing.length > 0) {
    throw new RepriseError('CONFIG_INVALID', 'composeFileMissing', {
      dir,
      files: (missing.length ? missing : DEFAULT_COMPOSE_FILES).join(', '),
    });
  }

  const envFiles = envFilesOf(dir, opts.envFile?.length ? opts.envFile : (envCfg?.env_file ?? config.env_file ?? null));
  const envFileVars = envFiles.map((file) => ({ file, vars: parseEnvFile(readFileSync(file, 'utf8')) }));
  const envVars = mergeEnvVars(envFileVars.map((f) => f.vars));
  const envFilesSharedWith = sharedEnvFiles(dir, config, envName, envFiles);
  const lookup = (k: string): string | undefined => env[k] ?? envVars.get(k);

  let compose: ComposeModel;
  try {
    compose = readComposeFiles(composeFiles, cache);
  } catch (e) {
    throw new RepriseError('CONFIG_INVALID', 'configInvalid', { file: composeFiles.join(', '), line: 0, key: '-', problem: (e as Error).message.split('\n')[0] });
  }

  // an environment without its own `project` gets "<base>-<env>", so two environments never share a
  // compose project, a release history or a lock
  // (COMPOSE_PROJECT_NAME, from the environment or the environment's own env file, is taken as it is: the
  // manual §4.2 command `docker compose --env-file .env.rollback-ENV up -d` then targets the same project)
  // — for an environment, only from its own env file: the process environment is shared by all of them)
  const composeName = env.COMPOSE_PROJECT_NAME ?? envVars.get('COMPOSE_PROJECT_NAME');
  const baseName = config.project ?? composeName ?? compose.name ?? basename(dir);
  const envOwnName = envCfg?.env_file ? envVars.get('COMPOSE_PROJECT_NAME') : undefined;
  const name = normaliseProjectName(
    opts.projectName ?? envCfg?.project ?? (envName ? (envOwnName ?? `${config.project ?? compose.name ?? basename(dir)}-${envName}`) : baseName),
  );
  const taken = new Map<string, string>();
  for (const [other, cfg] of Object.entries(config.environments ?? {})) {
    if (!cfg.project) continue;
    const key = normaliseProjectName(cfg.project);
    const seen = taken.get(key);
    if (seen) throw configInvalid(configFile, lineOf(['environments', other, 'project']), `environments.${other}.project`, `same compose project as environment "${seen}": each environment needs its own`);
    taken.set(key, other);
  }

  const healthDefaults: HealthSettings = {
    timeoutMs: parseDuration(config.health?.timeout ?? '120s')!,
    intervalMs: parseDuration(config.health?.interval ?? '1s')!,
    readinessDelayMs: parseDuration(config.health?.readiness_delay ?? '5s')!,
  };

  const versioned: VersionedService[] = [];
  const infrastructure: string[] = [];
  for (const svc of compose.services.values()) {
    const v = versionedOf(svc);
    const cfg = config.services?.[svc.name] ?? null;
    if (!v) {
      infrastructure.push(svc.name);
      continue;
    }
    if (config.services && !(svc.name in config.services)) {
      // An explicit services list limits what reprise versions.
      infrastructure.push(svc.name);
      continue;
    }
    const url = cfg?.health?.url ? interpolate(cfg.health.url, lookup) : null;
    if (url && !/^https?:\/\/[^\s/]+/.test(url)) {
      const path = ['services', svc.name, 'health', 'url'];
      throw configInvalid(configFile, lineOf(path), path.join('.'), `not an http(s) URL: "${url}"`);
    }
    versioned.push({
      name: svc.name,
      repository: v.repository,
      tagVariable: v.tagVariable,
      imageTemplate: svc.image!,
      dependsOn: svc.dependsOn,
      oneShot: cfg?.one_shot ?? svc.restart === 'no',
      healthUrl: url,
      healthTimeoutMs: cfg?.health?.timeout !== undefined ? parseDuration(cfg.health.timeout) : null,
    });
  }
  for (const declared of Object.keys(config.services ?? {})) {
    if (!versioned.some((s) => s.name === declared)) {
      const problem = compose.services.has(declared) ? "this service's image tag does not come from a variable" : 'no such service in the compose file(s)';
      throw configInvalid(configFile, lineOf(['services', declared]), `services.${declared}`, problem);
    }
  }
  if (versioned.length === 0) {
    throw new RepriseError('CONFIG_INVALID', 'noVersionedService', { files: composeFiles.join(', ') });
  }

  const t = config.thresholds ?? {};
  const thresholds: Thresholds = {
    responseTimeMs: t.response_time_ms ?? DEFAULT_THRESHOLDS.responseTimeMs,
    errorRatePercent: t.error_rate_percent ?? DEFAULT_THRESHOLDS.errorRatePercent,
    availabilityPercent: t.availability_percent ?? DEFAULT_THRESHOLDS.availabilityPercent,
    cpuPercent: t.cpu_percent ?? DEFAULT_THRESHOLDS.cpuPercent,
    memoryPercent: t.memory_percent ?? DEFAULT_THRESHOLDS.memoryPercent,
    degradationPercent: t.degradation_percent ?? DEFAULT_THRESHOLDS.degradationPercent,
    degradationMinMs: t.degradation_min_ms ?? DEFAULT_THRESHOLDS.degradationMinMs,
  };
  const logPatterns = (config.log_patterns ?? DEFAULT_LOG_PATTERNS).map((source, i) => {
    try {
      return new RegExp(source);
    } catch (e) {
      const path = ['log_patterns', String(i)];
      throw configInvalid(configFile, lineOf(path), `log_patterns.${i}`, `invalid regular expression: ${(e as Error).message}`);
    }
  });

  let proxy: ProxySettings | null = null;
  if (config.proxy) {
    const px = config.proxy;
    if (!compose.services.has(px.service)) throw configInvalid(configFile, lineOf(['proxy', 'service']), 'proxy.service', `no such service in the compose file(s): "${px.service}"`);
    if (versioned.some((v) => v.name === px.service)) throw configInvalid(configFile, lineOf(['proxy', 'service']), 'proxy.service', 'the proxy must be an infrastructure service (its image tag must not follow the release version)');
    for (const name of Object.keys(px.upstreams)) {
      const v = versioned.find((s) => s.name === name);
      if (!v || v.oneShot) {
        const path = ['proxy', 'upstreams', name];
        throw configInvalid(configFile, lineOf(path), path.join('.'), v ? 'a one-shot service cannot sit behind the proxy' : 'not a versioned service of the compose file(s)');
      }
    }
    proxy = {
      service: px.service,
      kind: px.kind ?? 'nginx',
      upstreams: new Map(Object.entries(px.upstreams)),
      pinDir: px.pin_dir ?? '/etc/nginx/reprise',
      drainTimeoutMs: parseDuration(px.drain_timeout ?? '30s')!,
    };
  }
  let router: RouterSettings | null = null;
  if (config.router) {
    const rt = config.router;
    rt.services.forEach((name, i) => {
      const v = versioned.find((s) => s.name === name);
      const path = ['router', 'services', String(i)];
      if (!v || v.oneShot) throw configInvalid(configFile, lineOf(path), `router.services.${i}`, v ? 'a one-shot service is not routed to' : `not a versioned service of the compose file(s): "${name}"`);
      if (proxy?.upstreams.has(name)) throw configInvalid(configFile, lineOf(path), `router.services.${i}`, `"${name}" is already behind proxy (proxy.upstreams): one of the two`);
    });
    router = { kind: rt.kind, services: new Set(rt.services), settleMs: parseDuration(rt.settle ?? '2s')! };
  }
  const strategies = new Map<string, ServiceStrategy>();
  for (const v of versioned) {
    const svc = compose.services.get(v.name)!;
    const requested = config.services?.[v.name]?.strategy ?? null;
    strategies.set(
      v.name,
      engine === 'swarm' ? chooseSwarmStrategy(v, svc.swarm, requested, lookup) : chooseStrategy(v, { containerName: svc.containerName, ports: svc.ports }, requested, proxy, lookup, router),
    );
  }
  // Swarm switches traffic between a service's tasks itself (its DNS and load balancing follow healthy
  // tasks): the proxy pinning of compose start-first releases is not used there
  if (engine === 'swarm') {
    proxy = null;
    router = null;
  }

  cache.save();
  const suffix = envName ? `-${envName}` : '';
  return {
    dir,
    configFile,
    config,
    environment: envName,
    engine,
    name,
    composeFiles,
    envFiles,
    envVars,
    envFileVars,
    syncEnvFile: envCfg?.sync_env_file ?? config.sync_env_file ?? true,
    envFilesSharedWith,
    compose,
    versioned,
    infrastructure,
    health: healthDefaults,
    thresholds,
    logPatterns,
    proxy,
    router,
    strategies,
    stateFile: join(dir, '.reprise', 'state.db'),
    metricsFile: join(dir, 'logs', 'rollback-metrics.json'),
    envRollbackFile: join(dir, `.env.rollback${suffix}`),
  };
}
