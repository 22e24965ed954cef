// What runs now, service by service: the status read (`reprise status`, the dashboard, incident snapshots).
import { isHolderDead } from '../../adapters/store';
import { tagOf } from '../../domain/plan';
import type { JournalEntry, LockHolder } from '../../domain/types';
import { serviceContainer } from '../../domain/containers';
import type { OpContext } from '../context';
import { interruptedOperation } from '../guard';
import { healthNow } from '../verify/health-now';
import { resolveState } from './resolve';

export interface ServiceStatus {
  name: string;
  versioned: boolean;
  oneShot: boolean;
  container: string | null;
  image: string | null;
  version: string | null;
  state: string;
  health: string | null;
  exitCode: number | null;
  probe: { url: string; ok: boolean; status: number | null; latencyMs: number; reason: string | null } | null;
  expected: string | null;
  drift: boolean;
}

export interface StatusResult {
  ok: true;
  project: string;
  environment: string | null;
  engine: string;
  version: string | null;
  mixed: boolean;
  previous: string | null;
  lastDeployed: string | null;
  services: ServiceStatus[];
  lock: (LockHolder & { stale: boolean }) | null;
  interrupted: JournalEntry | null;
  /** the last notification sent, with each delivery's result */
  lastNotification: { at: string; message: string; details: Record<string, unknown> } | null;
}

export async function status(ctx: OpContext): Promise<StatusResult> {
  const s = await resolveState(ctx);
  const services: ServiceStatus[] = [];
  const names = [...ctx.project.compose.services.keys()];
  // Docker's `starting` right after a release: the healthcheck run now decides (health-now.ts)
  const chosen = await Promise.all(
    names.map((name) => {
      const c = serviceContainer(s.containers, name, ctx.project.versioned.find((x) => x.name === name)?.oneShot ?? false);
      return c ? healthNow(ctx.engine, c) : null;
    }),
  );
  const probes = await Promise.all(
    names.map(async (name) => {
      const v = ctx.project.versioned.find((x) => x.name === name);
      return v?.healthUrl ? ctx.probe(v.healthUrl, 3000) : null;
    }),
  );
  names.forEach((name, i) => {
    const v = ctx.project.versioned.find((x) => x.name === name) ?? null;
    const c = chosen[i];
    const version = c && v ? tagOf(c.image, v.repository) : null;
    const expected = v ? s.lastDeployed : null;
    services.push({
      name,
      versioned: Boolean(v),
      oneShot: v?.oneShot ?? false,
      container: c?.name ?? null,
      image: c?.image ?? null,
      version,
      state: c?.state ?? 'absent',
      health: c?.health ?? null,
      exitCode: c?.exitCode ?? null,
      probe: probes[i],
      expected,
      drift: Boolean(v && expected && version !== expected),
    });
  });
  const lock = ctx.store.getLock(ctx.project.name);
  return {
    ok: true,
    project: ctx.project.name,
    environment: ctx.project.environment,
    engine: ctx.engine.name,
    version: s.current,
    mixed: s.mixed,
    previous: s.previous,
    lastDeployed: s.lastDeployed,
    services,
    lock: lock ? { ...lock, stale: isHolderDead(lock, ctx.host) } : null,
    interrupted: interruptedOperation(ctx),
    lastNotification: (() => {
      const e = ctx.store.listEvents(ctx.project.name, { limit: 100 }).find((x) => x.type === 'notification');
      return e ? { at: e.at, message: e.message, details: e.details } : null;
    })(),
  };
}
