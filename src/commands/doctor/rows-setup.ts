// The checks of the setup: the configuration, the engine and where it is, start-first side by side.
import { configCheck, configFailedCheck, engineCheck, judgeRemoteEngine, judgeSideBySide, sideBySideBlockers } from '../../domain/doctor';
import { fileExists } from '../../adapters/system';
import { reasonText } from '../../release/plan/plan-output';
import type { DoctorRow } from './table';

export const configRow: DoctorRow = {
  id: 'config',
  run: ({ lang, project, configError }) => (project ? configCheck(lang, project, fileExists(project.configFile) ? project.configFile : null) : configFailedCheck(lang, configError)),
};

export const engineRow: DoctorRow = {
  id: 'engine',
  run: ({ lang, connection, daemon }) => engineCheck(lang, connection.host.where, daemon),
};

/** A remote engine: what works from here, what needs care (health URLs, start-first, images). */
export const remoteEngineRow: DoctorRow = {
  id: 'remote_engine',
  shown: (c) => Boolean(c.connection.host.where?.remote),
  run: ({ lang, connection, project: p, swarm }) =>
    judgeRemoteEngine(lang, {
      engine: connection.host.where!.description,
      healthUrls: (p?.versioned ?? []).filter((s) => !s.oneShot && s.healthUrl).map((s) => ({ service: s.name, url: s.healthUrl! })),
      startFirst: p && !swarm ? p.versioned.filter((s) => !s.oneShot && p.strategies.get(s.name)?.strategy === 'start-first').map((s) => s.name) : [],
    }),
};

export const sideBySideRow: DoctorRow = {
  id: 'side_by_side',
  project: true,
  run: ({ lang, env, project: p, swarm, connection }) => {
    const lookup = (k: string): string | undefined => env[k] ?? p.envVars.get(k);
    const checked = p.versioned.filter((s) => !s.oneShot).map((s) => s.name);
    const strategies = p.versioned
      .filter((s) => !s.oneShot)
      .map((s) => p.strategies.get(s.name)!)
      .map((s) => ({ service: s.service, strategy: s.strategy, reason: s.reason, why: s.reason ? reasonText({ lang }, s) : null }));
    const where = connection.host.where;
    const remote = where?.remote ? where.description : null;
    // on Swarm, Swarm's update order does the start-first (no container address is probed from here)
    if (swarm) return judgeSideBySide([], checked, strategies, null);
    // a fixed container_name is no obstacle behind a router outside the project (the twin takes the name)
    const blockers = sideBySideBlockers([...p.compose.services.values()], p.versioned, lookup).filter((b) => b.hostPorts.length || p.strategies.get(b.service)?.via !== 'router');
    return judgeSideBySide(blockers, checked, strategies, remote);
  },
};
