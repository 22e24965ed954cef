import type { PlanStep } from './plan';
import type { VersionedService } from './types';

export interface Dependency {
  name: string;
  /** true when compose waits for it to be healthy or completed (not merely started) */
  strong: boolean;
}

/**
 * Groups ordered plan steps into levels, as compose orders a start: a step goes one level after a planned
 * service it must wait for (healthy or completed), and at least in the same level as a planned service it
 * merely depends on (compose starts that one first within the same call). Unplanned services pass their
 * constraints through. Services of one level are recreated by one compose call and gated concurrently.
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
  return out.filter(Boolean);
}
