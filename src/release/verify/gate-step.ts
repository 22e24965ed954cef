// Step 4 (verify) of a release, for one service: waits until what apply (re)created is healthy — the
// versioned services on their new image (one-shots until they complete, start-first ones on their own
// address), the infrastructure on its container's health. Releases and configuration rollbacks share it.
import type { VersionedService } from '../../domain/types';
import { projectSecrets, warn, type OpContext } from '../context';
import type { StartFirstUnit } from '../apply/strategy-split';
import { waitCompleted, waitHealthy, type GateResult } from './health-gate';

export interface StepFailure {
  service: string;
  version: string;
  code: 'HEALTH_CHECK_FAILED' | 'OPERATION_FAILED';
  reason: string;
}

export type Step = { service: string; version: string };

export function serviceOf(ctx: OpContext, name: string): VersionedService {
  const s = ctx.project.versioned.find((v) => v.name === name);
  if (!s) throw new Error(`unknown service ${name}`);
  return s;
}

/** Waits for one (re)created service; returns the failure or null. */
export async function gateStep(ctx: OpContext, step: Step, tolerateOneShotFailure: boolean): Promise<StepFailure | null> {
  const svc = serviceOf(ctx, step.service);
  const image = `${svc.repository}:${step.version}`;
  // behind the proxy, the health URL's path is probed on the container itself (see GateTarget)
  const port = ctx.project.proxy?.upstreams.get(svc.name) ?? null;
  const gate: GateResult = svc.oneShot
    ? await waitCompleted(ctx.engine, svc, ctx.project.health, image)
    : await waitHealthy(ctx.engine, svc, ctx.project.health, image, port ? { containerId: null, directPort: port, address: null } : null, projectSecrets(ctx), ctx.probe);
  if (gate.ok) return null;
  if (svc.oneShot && tolerateOneShotFailure) {
    warn(ctx, 'serviceFailed', { service: step.service, reason: gate.reason ?? '' });
    return null;
  }
  return { service: step.service, version: step.version, code: 'HEALTH_CHECK_FAILED', reason: gate.reason ?? 'unknown' };
}

/** Waits for the new container of a start-first service, probed on its own address. */
export async function gateUnit(ctx: OpContext, step: Step, unit: StartFirstUnit): Promise<StepFailure | null> {
  // behind a router outside the project the public health URL reaches the old container, and the new one's
  // port is unknown: its own healthcheck (run by the gate) judges it
  const svc = unit.via === 'router' ? { ...serviceOf(ctx, step.service), healthUrl: null } : serviceOf(ctx, step.service);
  const gate = await waitHealthy(ctx.engine, svc, ctx.project.health, `${svc.repository}:${step.version}`, { containerId: unit.newId!, directPort: unit.via === 'router' ? null : unit.port, address: unit.newAddress }, projectSecrets(ctx), ctx.probe);
  if (!gate.ok) return { service: step.service, version: step.version, code: 'HEALTH_CHECK_FAILED', reason: gate.reason ?? 'unknown' };
  // the proxy is about to send every request to it: it must also have been up (no exit, no restart, not
  // unhealthy) for readiness_delay since it started, so a version that crashes just after starting is caught
  const since = Date.parse(gate.container?.startedAt ?? '') || Date.now();
  const unstable = await staysUp(ctx, unit.newId!, gate.container?.restartCount ?? 0, Math.max(0, since + ctx.project.health.readinessDelayMs - Date.now()));
  return unstable ? { service: step.service, version: step.version, code: 'HEALTH_CHECK_FAILED', reason: unstable } : null;
}

async function staysUp(ctx: OpContext, id: string, restarts: number, windowMs: number): Promise<string | null> {
  const until = Date.now() + windowMs;
  for (;;) {
    const c = await ctx.engine.container(id);
    if (!c) return 'the new container disappeared';
    if (c.state !== 'running') return `container ${c.state} (exit code ${c.exitCode ?? '?'}) just after passing its health checks`;
    if (c.restartCount > restarts) return `container restarted just after passing its health checks (${c.restartCount} restarts)`;
    if (c.health === 'unhealthy') return 'Docker healthcheck reports unhealthy just after passing';
    if (Date.now() >= until) return null;
    await new Promise((r) => setTimeout(r, Math.min(250, Math.max(10, until - Date.now()))));
  }
}


/** An unversioned service (infrastructure): gated on its container's health (Docker healthcheck, or running). */
export async function gateInfrastructure(ctx: OpContext, service: string): Promise<StepFailure | null> {
  const gate = await waitHealthy(ctx.engine, { name: service, repository: '', tagVariable: '', imageTemplate: '', dependsOn: [], oneShot: false, healthUrl: null, healthTimeoutMs: null }, ctx.project.health, null, null, projectSecrets(ctx), ctx.probe);
  return gate.ok ? null : { service, version: '-', code: 'HEALTH_CHECK_FAILED', reason: gate.reason ?? 'unknown' };
}
