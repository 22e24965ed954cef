// `reprise verify` (seed §3.3): the post-release checklist as real checks. Read-only; bounded probe traffic.
import { probeBurst, type BurstStats } from '../adapters/probe/burst';
import { serviceContainer } from '../domain/containers';
import {
  allPassed,
  burstChecks,
  degradationCheck,
  healthUrlCheck,
  logCheck,
  resourceChecks,
  serviceCheck,
  type Check,
  type CheckId,
} from '../domain/checks';
import type { Release } from '../domain/types';
import type { ServiceContainer } from '../engines/engine';
import { projectSecrets, type OpContext } from '../release/context';
import { redactDeep } from '../domain/redact';
import { baselineKey } from '../release/verify/baseline';
import { scanLogs, type LogHit } from '../release/verify/log-scan';
import { resolveState } from '../release/resolve/resolve';
import { healthNow } from '../release/verify/health-now';

export interface VerifyOptions {
  /** scan logs since the last successful release (default); false: since each container started */
  sinceRelease?: boolean;
}

export interface VerifyResult {
  ok: boolean;
  project: string;
  version: string | null;
  /** the release the checks refer to (newest successful one), if any */
  release: { id: number; version: string; finishedAt: string | null } | null;
  /** logs were scanned from this moment (ISO), or from each container's start when null */
  logsSince: string | null;
  checks: Check[];
}

export const VERIFY_PROBES = 20;
export const VERIFY_INTERVAL_MS = 50;
const PROBE_TIMEOUT_MS = 5000;
const LOG_LINES = 2000;

export async function verify(ctx: OpContext, opts: VerifyOptions = {}): Promise<VerifyResult> {
  const { project, engine, store } = ctx;
  const state = await resolveState(ctx);
  const release = lastSuccess(state.releases, state.current);
  const t = project.thresholds;

  // (a) versioned services: inspect for accurate health, restarts and start time
  const current = new Map<string, ServiceContainer | null>();
  await Promise.all(
    project.versioned.map(async (svc) => {
      const c = serviceContainer(state.containers, svc.name, svc.oneShot);
      // Docker's `starting` right after a release: the healthcheck run now decides (health-now.ts)
      current.set(svc.name, c ? await healthNow(engine, (await engine.container(c.id)) ?? c) : null);
    }),
  );
  const checks: Check[] = project.versioned.map((svc) => serviceCheck(svc.name, svc.oneShot, current.get(svc.name) ?? null));

  // (e) resources of every running container of the project, measured while probes run
  const running = state.containers.filter((c) => c.state === 'running');
  const resources = Promise.all(running.map(async (c) => ({ c, u: await engine.stats(c.id).catch(() => null) })));

  // (b) one probe per URL (health rule), then (d) a bounded burst per URL (rates, median latency)
  const urls = project.versioned.filter((s) => !s.oneShot && s.healthUrl).map((s) => ({ service: s.name, url: s.healthUrl! }));
  const single = await Promise.all(urls.map((u) => ctx.probe(u.url, PROBE_TIMEOUT_MS)));
  const bursts: Map<string, BurstStats> = urls.length
    ? await probeBurst(
        urls.map((u) => u.url),
        { count: VERIFY_PROBES, intervalMs: VERIFY_INTERVAL_MS, timeoutMs: PROBE_TIMEOUT_MS },
        ctx.probe,
      )
    : new Map();
  urls.forEach((u, i) => {
    const b = bursts.get(u.url);
    // response time: the burst's median, so one slow sample does not decide
    checks.push(healthUrlCheck(u.service, single[i], t, b?.medianMs ?? null));
    if (b) checks.push(...burstChecks(u.service, b, t));
  });

  // (c) critical lines in the logs of the versioned long-running services (after the burst: it may cause some)
  const since = opts.sinceRelease === false ? null : release?.finishedAt ? new Date(release.finishedAt) : null;
  for (const svc of project.versioned.filter((s) => !s.oneShot)) {
    const c = current.get(svc.name);
    if (!c) continue;
    const from = since ?? (c.startedAt ? new Date(c.startedAt) : new Date(0));
    const hits: LogHit[] = await scanLogs(engine, [{ name: svc.name, containerId: c.id }], from, project.logPatterns, LOG_LINES);
    checks.push(logCheck(svc.name, hits, from.toISOString()));
  }

  for (const { c, u } of await resources) {
    if (u) checks.push(...resourceChecks(c.service, c.name, u, t));
  }

  // (f) latency degradation against the previous release's baseline
  for (const u of urls) {
    const prev = release ? store.previousBaseline(project.name, baselineKey(u.url), release.id) : null;
    checks.push(degradationCheck(u.service, u.url, bursts.get(u.url)?.medianMs ?? null, prev, t));
  }

  const order: CheckId[] = ['service_running', 'health_url', 'log_errors', 'error_rate', 'availability', 'cpu', 'memory', 'latency_degradation'];
  checks.sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id)); // stable: keeps service order within an id
  const ok = allPassed(checks);
  // recorded (when the project has a history): `promote` and `versions` tell where a version was verified
  if (state.current && !state.mixed) {
    const failed = checks.filter((c) => !c.ok).map((c) => c.id);
    store.addEvent(project.name, ok ? 'verify_passed' : 'verify_failed', `verify ${ok ? 'passed' : 'failed'} on ${state.current}`, { version: state.current, failed: [...new Set(failed)] });
  }
  return {
    ok,
    project: project.name,
    version: state.current,
    release: release ? { id: release.id, version: release.version, finishedAt: release.finishedAt } : null,
    logsSince: since ? since.toISOString() : null,
    // a health URL may carry a token (`?token=${HEALTH_TOKEN}`): every check's detail is masked
    checks: redactDeep(checks, projectSecrets(ctx)),
  };
}

/** Newest successful release of the running version, else the newest successful one (releases newest first). */
function lastSuccess(releases: Release[], current: string | null): Release | null {
  const ok = releases.filter((r) => r.outcome === 'success');
  return ok.find((r) => r.version === current) ?? ok[0] ?? null;
}

