// What services depend on in the compose file, transitively (the plan's infrastructure, and the
// dependencies whose tags a release passes on).
import type { OpContext } from '../context';

export function dependenciesOf(ctx: Pick<OpContext, 'project'>, services: string[]): string[] {
  const seen = new Set<string>();
  const stack = services.flatMap((s) => ctx.project.compose.services.get(s)?.dependsOn ?? []);
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    stack.push(...(ctx.project.compose.services.get(n)?.dependsOn ?? []));
  }
  return [...seen];
}

/** Infrastructure services the versioned ones depend on (transitively). */
export function infrastructureDeps(ctx: Pick<OpContext, 'project'>): string[] {
  const infra = new Set(ctx.project.infrastructure);
  return dependenciesOf(ctx, ctx.project.versioned.map((v) => v.name)).filter((n) => infra.has(n));
}
