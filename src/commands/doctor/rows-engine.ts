// The checks of what runs, read through the project's engine: services (`docker-compose ps`), stats
// (`docker stats`), versions, drift, and the swarm itself.
import { defaultDockerdEnviron, hasIpvs } from '../../adapters/system';
import { judgeDrift, judgeServices, judgeStats, judgeSwarm, judgeVersions, serviceRows, servicesNeedingIpvs, type StatsRow } from '../../domain/doctor';
import { currentVersionOf } from '../../domain/plan';
import { lastDeployedVersion, previousGoodVersion } from '../../domain/previous';
import { versionCatalogue } from '../../domain/versions';
import { ownershipFacts, splitCatalogue } from '../../release/resolve/project-versions';
import { runningTags } from '../../release/resolve/resolve';
import { healthNowAll, type HealthRunner } from '../../release/verify/health-now';
import type { DoctorRow, WithProject } from './table';

/** A Swarm task's id is no container here: Docker's word stands (no healthcheck is run now). */
const DOCKERS_WORD: HealthRunner = { healthcheck: async () => null, runHealthcheck: async () => null };

/** The engine and the containers of a check that runs only with a project and an engine that answers. */
function reads(c: WithProject) {
  return { engine: c.engine!, containers: c.containers! };
}

export const servicesRow: DoctorRow = {
  id: 'services',
  project: true,
  engine: true,
  run: async (c) => {
    const { engine, containers } = reads(c);
    // Docker's `starting` right after a release: the healthcheck run now decides (health-now.ts)
    const list = await healthNowAll(c.swarm ? DOCKERS_WORD : engine, await containers);
    return judgeServices(serviceRows([...c.project.compose.services.values()], c.project.versioned, list), c.project.name);
  },
};

export const statsRow: DoctorRow = {
  id: 'stats',
  project: true,
  engine: true,
  run: async (c) => {
    const { engine, containers } = reads(c);
    const running = (await containers).filter((x) => x.state === 'running');
    const rows = await Promise.all(
      running.map(async (x): Promise<StatsRow | null> => {
        const u = await engine.stats(x.id);
        return u ? { container: x.name, service: x.service, ...u } : null;
      }),
    );
    return judgeStats(rows.filter((r): r is StatsRow => r !== null), c.project.thresholds.cpuPercent, c.project.thresholds.memoryPercent);
  },
};

export const versionsRow: DoctorRow = {
  id: 'versions',
  project: true,
  engine: true,
  run: async (c) => {
    const { engine, containers } = reads(c);
    const p = c.project;
    const [list, images, declared, all] = await Promise.all([containers, engine.images(p.versioned.map((s) => s.repository)), engine.declaredForReport(), engine.allContainers()]);
    const running = runningTags(p.versioned, list, declared);
    const current = currentVersionOf(p.versioned, running).version;
    const previous = previousGoodVersion(c.releases, current);
    const catalogue = versionCatalogue(p.versioned, images, c.releases, current, previous);
    // this project's versions only: another project's tags of the same repositories are never judged
    // here, so never suggested for removal (see "Versions belong to the project")
    const { own, elsewhere } = splitCatalogue(catalogue, ownershipFacts(p, c.store, c.releases, images, all, running.values()));
    return judgeVersions(own, p.versioned, current, previous, elsewhere);
  },
};

export const driftRow: DoctorRow = {
  id: 'drift',
  project: true,
  engine: true,
  run: async (c) => judgeDrift(c.project.versioned, await reads(c).containers, lastDeployedVersion(c.releases)),
};

/**
 * engine: swarm. The kernel's IPVS is this machine's when the engine's socket is here; /var/run/docker.pid
 * and /proc are the default engine's only when it is the default socket.
 */
export const swarmRow: DoctorRow = {
  id: 'swarm',
  shown: (c) => c.swarm && c.project !== null,
  project: true,
  engine: true,
  run: async (c) => {
    const s = (await reads(c).engine.swarmState())!;
    const where = c.connection.host.where!;
    const lookup = (k: string): string | undefined => c.connection.env[k] ?? c.project.envVars.get(k);
    const needIpvs = servicesNeedingIpvs([...c.project.compose.services.values()], lookup);
    const preferOffline = where.defaultSocket ? (defaultDockerdEnviron()?.includes('DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1') ?? null) : null;
    return judgeSwarm(c.lang, { state: s.state, manager: s.manager, nodes: s.nodes, cli: s.cli, cliProgram: s.cliProgram, ipvs: where.local ? hasIpvs() : null, needIpvs, preferOffline });
  },
};
