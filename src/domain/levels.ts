import type { PlanStep } from './plan';
import type { VersionedService } from './types';

export interface Dependency {
  name: string;
  /** true when compose waits for it to be healthy or completed (not merely started) */
  strong: boolean;
}

/** The dependencies of each compose service as compose orders them (`depends_on` and its conditions). */
export function composeDeps(services: ReadonlyMap<string, { dependsOn: string[]; waitsFor: string[] }>): (name: string) => Dependency[] {
  return (name) => {
    const svc = services.get(name);
    return (svc?.dependsOn ?? []).map((d) => ({ name: d, strong: svc!.waitsFor.includes(d) }));
  };
}

/**
 * Groups ordered plan steps into levels, as compose orders a start: a step goes one level after a planned
 * service it must wait for (healthy or completed), and at least in the same level as a planned service it
 * merely depends on (compose starts that one first within the same call). Unplanned services pass their
 * constraints through. Then one-shots first (see oneShotsFirst). Services of one level are recreated by one
 * compose call and gated concurrently; the next level starts when the whole level passed.
 */
export function planLevels<T extends Pick<PlanStep, 'service'>>(steps: T[], services: VersionedService[], deps: (name: string) => Dependency[]): T[][] {
  const planned = new Set(steps.map((s) => s.service));
  const memo = new Map<string, number>();
  const known = new Set(services.map((s) => s.name));
  // level of a service: for a planned one, where it goes; for an unplanned one, the earliest level a
  // dependent may take because of it
  const level = (name: string, seen: Set<string>): number => {
    if (memo.has(name)) return memo.get(name)!;
    if (seen.has(name)) return 0;
    seen.add(name);
    let d = 0;
    for (const dep of deps(name)) {
      const below = level(dep.name, seen);
      d = Math.max(d, planned.has(dep.name) && dep.strong ? below + 1 : below);
    }
    if (planned.has(name) || known.has(name)) memo.set(name, d);
    return d;
  };
  const out: T[][] = [];
  for (const s of steps) (out[level(s.service, new Set())] ??= []).push(s);
  const oneShot = new Set(services.filter((s) => s.oneShot).map((s) => s.name));
  return out.filter(Boolean).flatMap((l) => oneShotsFirst(l, (n) => oneShot.has(n), deps));
}

/** Every service `name` depends on, directly or through others (any condition, planned or not). */
function reachFrom(name: string, deps: (name: string) => Dependency[]): Set<string> {
  const seen = new Set<string>();
  const stack = deps(name).map((d) => d.name);
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...deps(n).map((d) => d.name));
  }
  return seen;
}

/**
 * Within one level, the one-shot services (migrations) complete before the long-running ones start: compose
 * alone would start them together when nothing depends on the one-shot (Recyclic's `api-migrations`), and
 * the code that needs the new schema would start before it exists. The compose file still wins: a one-shot
 * that depends on a long-running service of the level (even merely started) goes after it, with what that
 * service needs; a long-running service a one-shot needs is not held back by it. Order within each
 * sub-level is the level's own.
 */
export function oneShotsFirst<T extends Pick<PlanStep, 'service'>>(level: T[], isOneShot: (name: string) => boolean, deps: (name: string) => Dependency[]): T[][] {
  const reach = new Map(level.map((s) => [s.service, reachFrom(s.service, deps)]));
  const needs = (a: T, b: T): boolean => reach.get(a.service)!.has(b.service);
  const out: T[][] = [];
  let rest = level;
  while (rest.length) {
    const shots = rest.filter((s) => isOneShot(s.service));
    const longs = rest.filter((s) => !isOneShot(s.service));
    if (shots.length === 0 || longs.length === 0) {
      out.push(rest);
      break;
    }
    // one-shots that need no long-running service of the level: now, alone
    let batch = shots.filter((o) => !longs.some((l) => needs(o, l)));
    // else the long-running services the remaining one-shots need (and that do not need one of them)
    if (batch.length === 0) batch = longs.filter((l) => shots.some((o) => needs(o, l)) && !shots.some((o) => needs(l, o)));
    if (batch.length === 0) {
      // a dependency cycle through the level: compose's own order, in one call
      out.push(rest);
      break;
    }
    out.push(batch);
    rest = rest.filter((s) => !batch.includes(s));
  }
  return out;
}
