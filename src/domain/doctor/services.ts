// services (`docker-compose ps`): each service of the compose files, its container and what is wrong with it.
import type { VersionedService } from '../types';
import type { Judgement } from './check';
import type { ComposeServiceFacts } from './compose-model';
import { serviceContainer, type ServiceContainer } from '../containers';

export interface ServiceRow {
  service: string;
  container: string | null;
  image: string | null;
  state: string;
  health: string | null;
  exitCode: number | null;
  oneShot: boolean;
  problem: 'absent' | 'failed' | 'starting' | null;
}

export function serviceRows(compose: Array<Pick<ComposeServiceFacts, 'name' | 'restart'>>, versioned: VersionedService[], containers: ServiceContainer[]): ServiceRow[] {
  return compose.map((svc) => {
    const oneShot = versioned.find((v) => v.name === svc.name)?.oneShot ?? svc.restart === 'no';
    const c = serviceContainer(containers, svc.name, oneShot);
    let problem: ServiceRow['problem'] = null;
    if (!c) problem = 'absent';
    else if (oneShot) {
      if ((c.state === 'exited' || c.state === 'dead') && c.exitCode !== 0) problem = 'failed';
    } else if (c.state !== 'running' || c.health === 'unhealthy') problem = c.state === 'created' ? 'absent' : 'failed';
    else if (c.health === 'starting') problem = 'starting';
    return { service: svc.name, container: c?.name ?? null, image: c?.image ?? null, state: c?.state ?? 'absent', health: c?.health ?? null, exitCode: c?.exitCode ?? null, oneShot, problem };
  });
}

function rowText(r: ServiceRow): string {
  if (r.state === 'absent') return `${r.service}: -`;
  const extra = r.health ? ` (${r.health})` : r.exitCode !== null ? ` (${r.exitCode})` : '';
  return `${r.service}: ${r.state}${extra}`;
}

export function judgeServices(rows: ServiceRow[], project: string): Judgement {
  const details = { project, services: rows };
  if (rows.every((r) => r.state === 'absent')) return { status: 'warn', summary: ['doctorServicesNone', { project }], fix: ['doctorServicesNoneFix', {}], details };
  const failed = rows.filter((r) => r.problem === 'failed');
  if (failed.length) {
    return {
      status: 'fail',
      summary: ['doctorServicesFailed', { list: failed.map(rowText).join(', ') }],
      fix: ['doctorServicesFailedFix', { container: failed[0].container ?? failed[0].service }],
      details,
    };
  }
  const other = rows.filter((r) => r.problem !== null);
  if (other.length) {
    return {
      status: 'warn',
      summary: ['doctorServicesIncomplete', { list: other.map((r) => (r.problem === 'absent' ? `${r.service}: -` : rowText(r))).join(', ') }],
      fix: ['doctorServicesNoneFix', {}],
      details,
    };
  }
  return { status: 'ok', summary: ['doctorServicesOk', { count: rows.length, list: rows.map(rowText).join(', ') }], fix: null, details };
}
