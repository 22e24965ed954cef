// Waits until a freshly (re)created service is healthy (SPEC §7), or says why it is not.
import type { Engine, RolloutState, ServiceContainer } from '../../engines/engine';
import { serviceContainer } from '../../domain/containers';
import { probeHttp, type ProbeResult } from '../../adapters/probe/http-probe';
import type { HealthSettings } from '../../config/project';
import type { VersionedService } from '../../domain/types';
import { redact } from '../../domain/redact';
import { HealthcheckPace } from './healthcheck-pace';

export interface GateResult {
  ok: boolean;
  reason: string | null;
  container: ServiceContainer | null;
  latencyMs: number | null;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export async function findServiceContainer(engine: Engine, service: string): Promise<ServiceContainer | null> {
  const chosen = serviceContainer(await engine.containers(), service);
  return chosen ? engine.container(chosen.id) : null;
}

/**
 * Services behind the stack's proxy: the public health URL reaches whatever the proxy points at (the old
 * container during a start-first release, nothing before the proxy runs), so the URL's path is probed on
 * the container's own address at `directPort`. `containerId` watches one given container (start-first:
 * the new one beside the old), which must not disappear.
 */
export interface GateTarget {
  containerId: string | null;
  directPort: number | null;
  /** the container's address when known (start-first: on the proxy's network) */
  address: string | null;
}

/** The health URL's path on a container's own address (its first network's IPv4). */
async function directUrl(engine: Engine, containerId: string, healthUrl: string, port: number, address: string | null): Promise<string | null> {
  const doc = address ? null : ((await engine.inspectRaw(containerId)) as { NetworkSettings?: { Networks?: Record<string, { IPAddress?: string }> } } | null);
  const ip = address ?? Object.values(doc?.NetworkSettings?.Networks ?? {}).find((n) => n.IPAddress)?.IPAddress;
  if (!ip) return null;
  const parsed = new URL(healthUrl);
  return `http://${ip}:${port}${parsed.pathname}${parsed.search}`;
}

const DONE: RolloutState = { state: 'done', reason: null };

/** The engine's own rollout of the service (Swarm's update); compose has none and is always done. */
function rolloutOf(engine: Engine, service: string, expectedImage: string | null): Promise<RolloutState> {
  return expectedImage === null ? Promise.resolve(DONE) : engine.rollout(service, expectedImage);
}

/**
 * Long-running service: Docker health, then health URL, else running without restart for readiness_delay.
 * The container's own healthcheck is run by the gate itself every `health.interval` (HealthcheckPace):
 * Docker's rules on those runs decide at once, Docker's own verdict stays a second source (unhealthy fails,
 * healthy passes). With a target, that container is watched (it must not disappear) and probed at the
 * target's URL. An engine that rolls the service out itself (Swarm) must be done with it first; when it
 * gives up (rolls the service back, pauses) the gate fails at once with its reason. `secrets` are masked in
 * the reason (the healthcheck's command and output).
 */
export async function waitHealthy(
  engine: Engine,
  svc: VersionedService,
  settings: HealthSettings,
  expectedImage: string | null,
  target: GateTarget | null = null,
  secrets: string[] = [],
  /** the context's probe (OpContext.probe); HTTP by default */
  probe: (url: string, timeoutMs: number) => Promise<ProbeResult> = probeHttp,
): Promise<GateResult> {
  const timeoutMs = svc.healthTimeoutMs ?? settings.timeoutMs;
  const pace = new HealthcheckPace(engine, settings.intervalMs, Date.now() + timeoutMs, secrets);
  try {
    const r = await gateHealthy(engine, svc, settings, expectedImage, target, pace, timeoutMs, probe);
    return r.reason ? { ...r, reason: redact(r.reason, secrets) } : r;
  } finally {
    pace.stop();
  }
}

async function gateHealthy(engine: Engine, svc: VersionedService, settings: HealthSettings, expectedImage: string | null, target: GateTarget | null, pace: HealthcheckPace, timeoutMs: number, probe: (url: string, timeoutMs: number) => Promise<ProbeResult>): Promise<GateResult> {
  const urls = new Map<string, string | null>();
  const deadline = Date.now() + timeoutMs;
  let lastReason = 'no container yet';
  let runningSince: number | null = null;
  /** when the gate's own run of the healthcheck first passed */
  let ownSince: number | null = null;
  let restarts: number | null = null;
  for (;;) {
    const [c, rollout] = await Promise.all([target?.containerId ? engine.container(target.containerId) : findServiceContainer(engine, svc.name), rolloutOf(engine, svc.name, expectedImage)]);
    if (!c && target?.containerId) return { ok: false, reason: 'the new container disappeared', container: null, latencyMs: null };
    if (rollout.state === 'failed') return { ok: false, reason: rollout.reason ?? 'the engine gave up the rollout', container: c, latencyMs: null };
    if (c && expectedImage !== null && c.image !== expectedImage) {
      lastReason = `container runs ${c.image}, expected ${expectedImage}`;
    } else if (c) {
      if (c.state === 'exited' || c.state === 'dead') {
        return { ok: false, reason: `container exited with code ${c.exitCode ?? '?'}`, container: c, latencyMs: null };
      }
      if (restarts !== null && c.restartCount > restarts) {
        return { ok: false, reason: `container restarted (${c.restartCount} restarts)`, container: c, latencyMs: null };
      }
      restarts = c.restartCount;
      if (c.state === 'restarting') {
        return { ok: false, reason: 'container is restarting (crash loop)', container: c, latencyMs: null };
      }
      if (c.health === 'unhealthy') {
        return { ok: false, reason: 'Docker healthcheck reports unhealthy', container: c, latencyMs: null };
      }
      // the healthcheck run by the gate itself (null: the container has none)
      const own = c.state === 'running' ? await pace.verdict(c.id) : null;
      if (own?.state === 'unhealthy') return { ok: false, reason: own.reason, container: c, latencyMs: null };
      if (c.state === 'running' && rollout.state === 'pending') lastReason = rollout.reason ?? 'rollout in progress';
      else if (c.state === 'running') {
        const dockerOk = c.health === null || c.health === 'healthy' || own?.state === 'healthy';
        if (!dockerOk) lastReason = own?.reason ?? `Docker healthcheck: ${c.health}`;
        let probeOk = true;
        let latency: number | null = null;
        let healthUrl = svc.healthUrl;
        if (healthUrl && target?.directPort) {
          const direct = urls.get(c.id) ?? (await directUrl(engine, c.id, healthUrl, target.directPort, target.address));
          if (direct) urls.set(c.id, direct);
          if (direct) healthUrl = direct;
          else if (target.containerId) {
            // a given container must be probed on its own address: the public URL reaches another one
            healthUrl = null;
            probeOk = false;
            lastReason = 'the new container has no address yet';
          }
        }
        if (dockerOk && healthUrl) {
          const p = await probe(healthUrl, Math.min(5000, Math.max(500, deadline - Date.now())));
          probeOk = p.ok;
          latency = p.latencyMs;
          if (!p.ok) lastReason = `${healthUrl}: ${p.reason}`;
        }
        if (dockerOk && probeOk && c.health !== 'healthy' && own?.state === 'healthy') {
          // passed on the gate's own run of the healthcheck, before Docker's: the container must also stay up
          // (no exit, no restart) for readiness_delay, so a version that crashes just after starting is caught
          ownSince ??= Date.now();
          if (Date.now() - ownSince >= settings.readinessDelayMs) return { ok: true, reason: null, container: c, latencyMs: latency };
          lastReason = 'healthcheck passed; staying up for the readiness delay';
        } else if (dockerOk && probeOk) {
          if (c.health === 'healthy' || healthUrl) return { ok: true, reason: null, container: c, latencyMs: latency };
          runningSince ??= Date.now();
          if (Date.now() - runningSince >= settings.readinessDelayMs) return { ok: true, reason: null, container: c, latencyMs: null };
          lastReason = 'waiting for the readiness delay';
        }
      }
    }
    if (Date.now() >= deadline) {
      return { ok: false, reason: `not healthy after ${Math.round(timeoutMs / 1000)} s (${lastReason})`, container: c, latencyMs: null };
    }
    // Docker state is read locally: poll it at least every 250 ms so a healthy service is seen promptly
    await sleep(Math.min(settings.intervalMs, 250, Math.max(50, deadline - Date.now())));
  }
}

/** One-shot service (migrations): must run to completion with exit code 0. */
export async function waitCompleted(engine: Engine, svc: VersionedService, settings: HealthSettings, expectedImage: string): Promise<GateResult> {
  const timeoutMs = svc.healthTimeoutMs ?? settings.timeoutMs;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [c, rollout] = await Promise.all([findServiceContainer(engine, svc.name), rolloutOf(engine, svc.name, expectedImage)]);
    if (rollout.state === 'failed') return { ok: false, reason: rollout.reason ?? 'the engine gave up the rollout', container: c, latencyMs: null };
    // (until the engine started this run, the newest container may be an earlier run of the same image)
    if (rollout.state === 'done' && c && c.image === expectedImage && (c.state === 'exited' || c.state === 'dead')) {
      if (c.exitCode === 0) return { ok: true, reason: null, container: c, latencyMs: null };
      return { ok: false, reason: `exited with code ${c.exitCode ?? '?'}`, container: c, latencyMs: null };
    }
    if (Date.now() >= deadline) {
      return { ok: false, reason: `still running after ${Math.round(timeoutMs / 1000)} s`, container: c, latencyMs: null };
    }
    await sleep(Math.min(settings.intervalMs, 150));
  }
}
