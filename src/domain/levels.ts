import type { PlanStep } from './plan';
import type { VersionedService } from './types';

/**
 * Groups ordered plan steps into levels: a step goes one level after the deepest planned service it depends
 * on (directly or through unplanned services). Services of one level do not depend on each other, so they
 * are recreated together and health-gated concurrently.
 */
export function planLevels<T extends Pick<PlanStep, 'service'>>(steps: T[], services: VersionedService[], allDeps: (name: string) => string[]): T[][] {
  const planned = new Set(steps.map((s) => s.service));
  const level = new Map<string, number>();
  const depth = (name: string, seen: Set<string>): number => {
    if (level.has(name)) return level.get(name)!;
    if (seen.has(name)) return 0;
    seen.add(name);
    let d = 0;
    for (const dep of allDeps(name)) {
      const below = depth(dep, seen);
      d = Math.max(d, planned.has(dep) ? below + 1 : below);
    }
    if (planned.has(name) || services.some((s) => s.name === name)) level.set(name, d);
    return d;
  };
  const out: T[][] = [];
  for (const s of steps) {
    const d = depth(s.service, new Set());
    (out[d] ??= []).push(s);
  }
  return out.filter(Boolean);
}
