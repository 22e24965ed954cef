// Apply, for the infrastructure: what the versioned services need, or what sits in front of them, is
// started when it does not run (first deploy, after a crash or `down`); running ones are never touched.
import { isRepriseError } from '../../domain/errors';
import { say, type OpContext } from '../context';
import { gateInfrastructure, type StepFailure } from '../verify/gate-step';
import { resetPins } from './start-first';
import { infrastructureDeps } from '../resolve/dependencies';

/**
 * Starts the infrastructure the versioned services need when some of it is not running (first deploy,
 * or after a crash). Running infrastructure is never touched.
 */
export async function ensureInfrastructure(ctx: OpContext, version: string): Promise<StepFailure | null> {
  const needed = infrastructureDeps(ctx);
  return needed.length ? startMissing(ctx, needed, version) : null;
}

/** Starts (and gates) the given unversioned services that have no running container. */
async function startMissing(ctx: OpContext, services: string[], version: string, onStart: (missing: string[]) => void = () => undefined): Promise<StepFailure | null> {
  const containers = await ctx.engine.containers();
  const missing = services.filter((n) => !containers.some((c) => c.service === n && c.state === 'running'));
  if (missing.length === 0) return null;
  onStart(missing);
  for (const service of missing) say(ctx, 'serviceUpdating', { service, version: '(infra)' });
  try {
    await ctx.engine.apply({ services: missing, tags: {}, version });
  } catch (e) {
    if (isRepriseError(e)) throw e;
    return { service: missing.join(', '), version: '-', code: 'OPERATION_FAILED', reason: (e as Error).message };
  }
  for (const service of missing) {
    const failure = await gateInfrastructure(ctx, service);
    if (failure) return failure;
  }
  return null;
}

/**
 * Infrastructure that sits in front of the versioned services (the reverse proxy, anything depending on
 * them) is started when it does not run yet (first deploy, or after `down`); running ones are never touched.
 */
export async function ensureDependents(ctx: OpContext, version: string): Promise<StepFailure | null> {
  const versioned = new Set(ctx.project.versioned.map((v) => v.name));
  const infra = ctx.project.infrastructure;
  const dependsOnVersioned = (name: string, seen = new Set<string>()): boolean => {
    if (seen.has(name)) return false;
    seen.add(name);
    return (ctx.project.compose.services.get(name)?.dependsOn ?? []).some((d) => versioned.has(d) || dependsOnVersioned(d, seen));
  };
  const wanted = infra.filter((n) => n === ctx.project.proxy?.service || dependsOnVersioned(n));
  if (wanted.length === 0) return null;
  let proxyStarted = false;
  const failure = await startMissing(ctx, wanted, version, (missing) => (proxyStarted = missing.includes(ctx.project.proxy?.service ?? '')));
  // a proxy started again (not recreated) kept the pins of its file system
  if (!failure && proxyStarted) await resetPins(ctx);
  return failure;
}

