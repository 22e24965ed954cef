// What `docker stack deploy` is given (pure): the project's compose files made acceptable to it, and an
// override file written by reprise that pins every service of the stack for one release step.
//
// The docker CLI's stack loader reads the version-3 compose format: it refuses the long form of
// `depends_on` (conditions), a top-level `name:` and, for older clients, a missing `version:`; it ignores
// `restart:`. Only those are changed — everything else (variables included, left as `${VAR}` for the CLI
// to interpolate from the environment) stays as written:
//   - `depends_on: {db: {condition: …}}` → `depends_on: [db]` (Swarm does not order starts; reprise's
//     release levels still follow the conditions it read);
//   - `restart:` → `deploy.restart_policy` when the service has none (`"no"` → `condition: none`, so a
//     one-shot such as migrations runs once instead of being restarted forever);
//   - `name:` dropped (the stack's name is the project's), `version:` set to one value for every file.
type Raw = Record<string, unknown>;

function record(v: unknown): Raw {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {};
}

/** The lowest compose format version that has every key reprise writes (rollback_config: 3.7). */
export const MIN_STACK_VERSION = '3.8';

function versionNumber(v: unknown): [number, number] | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(v ?? '').trim());
  return m ? [Number(m[1]), Number(m[2] ?? 0)] : null;
}

/** One `version:` for every file (the CLI refuses files of different versions): the highest declared, at least 3.8. */
export function stackVersion(docs: Raw[]): string {
  let best: [number, number] = versionNumber(MIN_STACK_VERSION)!;
  let text = MIN_STACK_VERSION;
  for (const d of docs) {
    const v = versionNumber(d.version);
    if (v && (v[0] > best[0] || (v[0] === best[0] && v[1] > best[1]))) {
      best = v;
      text = String(d.version).trim();
    }
  }
  return text;
}

/** compose `restart:` → Swarm `deploy.restart_policy` */
export function restartPolicyOf(restart: unknown): Raw | null {
  const r = restart === false ? 'no' : typeof restart === 'string' ? restart.trim() : null;
  if (r === null) return null;
  if (r === 'no') return { condition: 'none' };
  if (r === 'always' || r === 'unless-stopped') return { condition: 'any' };
  const m = /^on-failure(?::(\d+))?$/.exec(r);
  if (m) return m[1] ? { condition: 'on-failure', max_attempts: Number(m[1]) } : { condition: 'on-failure' };
  return null;
}

/** One compose file made acceptable to `docker stack deploy` (a copy: the input is not changed). */
export function toStackDoc(doc: Raw, version: string): Raw {
  const out: Raw = { ...doc, version };
  delete out.name;
  const services: Raw = {};
  for (const [name, raw] of Object.entries(record(doc.services))) {
    const svc: Raw = { ...record(raw) };
    if (svc.depends_on && !Array.isArray(svc.depends_on)) svc.depends_on = Object.keys(record(svc.depends_on));
    if ('restart' in svc) {
      const deploy = record(svc.deploy);
      const policy = restartPolicyOf(svc.restart);
      if (policy && !('restart_policy' in deploy)) svc.deploy = { ...deploy, restart_policy: policy };
      delete svc.restart;
    }
    services[name] = svc;
  }
  if ('services' in doc) out.services = services;
  return out;
}

/** How reprise pins one service for a step of a release. */
export interface PinnedService {
  /** the image the service must run after this step */
  image?: string;
  /** replicas to hold (0: created but not started yet; the current count for a service left alone) */
  replicas?: number;
  /** container labels (a one-shot's run label) */
  labels?: Record<string, string>;
  /** complete deploy.update_config / rollback_config to write (the file's own keys already merged in) */
  updateConfig?: Raw;
  rollbackConfig?: Raw;
}

/** The override file: later in the `-c` list, so its keys win over the project's files. */
export function overrideDoc(version: string, pins: Record<string, PinnedService>): Raw {
  const services: Raw = {};
  for (const [name, p] of Object.entries(pins)) {
    const svc: Raw = {};
    if (p.image) svc.image = p.image;
    if (p.labels && Object.keys(p.labels).length) svc.labels = p.labels;
    const deploy: Raw = {};
    if (p.replicas !== undefined) deploy.replicas = p.replicas;
    if (p.updateConfig) deploy.update_config = p.updateConfig;
    if (p.rollbackConfig) deploy.rollback_config = p.rollbackConfig;
    if (Object.keys(deploy).length) svc.deploy = deploy;
    if (Object.keys(svc).length) services[name] = svc;
  }
  return { version, services };
}

/** The deploy.update_config (or rollback_config) a service gets: the file's keys, reprise's defaults for the others. */
export function mergedConfig(fileValue: unknown, defaults: Raw): Raw {
  return { ...defaults, ...record(fileValue) };
}

/** The service's `deploy.<key>` across the files, later files winning key by key (as the CLI merges them). */
export function fileDeployKey(docs: Raw[], service: string, key: string): Raw | null {
  let found: Raw | null = null;
  for (const d of docs) {
    const deploy = record(record(record(d.services)[service]).deploy);
    if (key in deploy) found = { ...(found ?? {}), ...record(deploy[key]) };
  }
  return found;
}

/**
 * update_config / rollback_config of a versioned service for a release step: the file's own keys, and for
 * the others start-first where possible (domain/strategy chooseSwarmStrategy), failure_action rollback,
 * monitor = readiness_delay; a service reprise updates stop-first (a host-mode port, strategy: recreate) is
 * stop-first whatever the file says (two tasks could not both bind the port). A one-shot's task exits by
 * design, which Swarm's updater takes for an early termination: failure_action continue (reprise's gate
 * judges its exit code).
 */
export function updateConfigs(docs: Raw[], service: string, o: { oneShot: boolean; startFirst: boolean; readinessDelayMs: number }): Pick<PinnedService, 'updateConfig' | 'rollbackConfig'> {
  if (o.oneShot) return { updateConfig: mergedConfig(fileDeployKey(docs, service, 'update_config'), { failure_action: 'continue' }) };
  const order = o.startFirst ? 'start-first' : 'stop-first';
  const monitor = `${Math.max(1, Math.round(o.readinessDelayMs))}ms`;
  const forced = o.startFirst ? {} : { order };
  return {
    updateConfig: { ...mergedConfig(fileDeployKey(docs, service, 'update_config'), { order, failure_action: 'rollback', monitor }), ...forced },
    rollbackConfig: { ...mergedConfig(fileDeployKey(docs, service, 'rollback_config'), { order }), ...forced },
  };
}

/**
 * A compose file read as the docker CLI reads YAML (Go's yaml.v2: YAML 1.1 booleans and octals — `mode:
 * 0440` is 288 —, `<<` merge keys) but without what yaml.v2 does not have: base-60 numbers (`- 21:21` stays
 * a port mapping, `03:30` a string) and timestamps.
 */
export function parseForStack(text: string, parse: typeof import('yaml').parse): Raw {
  return record(
    parse(text, {
      version: '1.1',
      merge: true,
      maxAliasCount: 100,
      customTags: (tags) => tags.filter((t) => typeof t === 'string' || (t.format !== 'TIME' && t.tag !== 'tag:yaml.org,2002:timestamp')),
    }),
  );
}

/** YAML as the CLI reads it (YAML 1.1: "no", "on", "yes" stay strings because they are quoted). */
export function renderStackYaml(doc: Raw, stringify: typeof import('yaml').stringify): string {
  return stringify(doc, { version: '1.1', lineWidth: 0 });
}
