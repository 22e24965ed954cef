// Docker says `starting` until its own healthcheck has run (every `interval`, 30–60 s on real stacks), so
// right after a release — whose gate ran the healthcheck itself (health-gate.ts) — Docker may still say
// `starting` for a container reprise judged healthy. status, verify and doctor then run the healthcheck once
// now, as the gate does: a success is `healthy`; a failure, or a run that cannot be made, leaves `starting`.
import type { Engine, ServiceContainer } from '../../engines/engine';

export type HealthRunner = Pick<Engine, 'healthcheck' | 'runHealthcheck'>;

/** A run made for a read is bounded by this (never a healthcheck's 30 s default). */
export const HEALTH_NOW_TIMEOUT_MS = 5_000;

/** The container with `starting` turned `healthy` when its healthcheck passes run now; otherwise as it is. */
export async function healthNow(runner: HealthRunner, c: ServiceContainer): Promise<ServiceContainer> {
  if (c.state !== 'running' || c.health !== 'starting') return c;
  try {
    const check = await runner.healthcheck(c.id);
    if (!check) return c;
    const run = await runner.runHealthcheck(c.id, check, Math.min(check.timeoutMs, HEALTH_NOW_TIMEOUT_MS));
    return run?.exitCode === 0 ? { ...c, health: 'healthy' } : c;
  } catch {
    return c; // Docker's word stands
  }
}

export function healthNowAll(runner: HealthRunner, list: ServiceContainer[]): Promise<ServiceContainer[]> {
  return Promise.all(list.map((c) => healthNow(runner, c)));
}
