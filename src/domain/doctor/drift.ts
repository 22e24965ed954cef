// drift: what runs against what reprise last deployed.
import { tagOf } from '../plan';
import type { VersionedService } from '../types';
import type { Judgement } from './check';
import { serviceContainer, type ServiceContainer } from '../containers';

export function judgeDrift(services: VersionedService[], containers: ServiceContainer[], lastDeployed: string | null): Judgement {
  const running: Array<{ service: string; version: string | null; image: string }> = [];
  for (const s of services) {
    if (s.oneShot) continue;
    const c = serviceContainer(containers, s.name);
    if (!c || (c.state !== 'running' && c.state !== 'restarting')) continue;
    running.push({ service: s.name, version: tagOf(c.image, s.repository), image: c.image });
  }
  if (!lastDeployed) return { status: 'ok', summary: ['doctorDriftNoHistory', {}], fix: null, details: { expected: null, running } };
  const drift = running.filter((r) => r.version !== lastDeployed);
  if (drift.length === 0) return { status: 'ok', summary: ['doctorDriftOk', { version: lastDeployed, count: running.length }], fix: null, details: { expected: lastDeployed, running, drift } };
  return {
    status: 'warn',
    summary: ['doctorDriftFound', { expected: lastDeployed, list: drift.map((d) => `${d.service} → ${d.image}`).join(', ') }],
    fix: ['doctorDriftFix', { expected: lastDeployed }],
    details: { expected: lastDeployed, running, drift },
  };
}
