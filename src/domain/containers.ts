// The containers that stand for a project's services, as every engine reports them (a Swarm task stands for
// a container), and which one speaks for a service. Pure; the engines fill them in (engines/reads.ts).

export type HealthStatus = 'healthy' | 'unhealthy' | 'starting' | null;

export interface ServiceContainer {
  service: string;
  id: string;
  name: string;
  /** image reference the container was created from, e.g. recyclic-api:abc1234 */
  image: string;
  imageId: string;
  state: string; // created | running | restarting | exited | dead | paused
  health: HealthStatus;
  exitCode: number | null;
  restartCount: number;
  startedAt: string | null;
  createdAt: string | null;
}

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
