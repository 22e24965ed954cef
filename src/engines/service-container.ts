import type { ServiceContainer } from './engine';

/**
 * The container that stands for a compose service: the newest running (or restarting) one, else the newest
 * of any state; for a one-shot service, simply its newest run. During a recreate the old container may
 * still be listed, hence newest first.
 */
export function serviceContainer(all: ServiceContainer[], service: string, oneShot = false): ServiceContainer | null {
  const mine = all.filter((c) => c.service === service).sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
  if (oneShot) return mine[0] ?? null;
  return mine.find((c) => c.state === 'running' || c.state === 'restarting') ?? mine[0] ?? null;
}
