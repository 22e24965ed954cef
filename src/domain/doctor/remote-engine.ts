// remote_engine (pure): when the Docker engine is on another machine (tcp:// or ssh:// to a
// non-loopback address), what still works — everything that goes through the engine and compose: reads,
// deploys, rollbacks, builds — and what needs care, each with its fix: health URLs are probed from where
// reprise runs, start-first probes container addresses (not reachable from another machine), and images
// must exist on that engine.
import { t, type Lang } from '../messages';
import type { Judgement } from './check';

export interface RemoteEngineFacts {
  /** where the engine is and how it was chosen (endpoint description) */
  engine: string;
  /** the long-running versioned services' health URLs */
  healthUrls: Array<{ service: string; url: string }>;
  /** services released start-first by probing their new container (compose; Swarm does its own) */
  startFirst: string[];
}

export function judgeRemoteEngine(lang: Lang, f: RemoteEngineFacts): Judgement {
  const loopback = f.healthUrls.filter((h) => pointsHere(h.url)).map((h) => h.service);
  const care: string[] = [];
  const fixes: string[] = [];
  if (f.healthUrls.length) {
    care.push(
      loopback.length
        ? t(lang, 'doctorRemoteCareLoopback', { services: loopback })
        : t(lang, 'doctorRemoteCareHealth', { services: f.healthUrls.map((h) => h.service) }),
    );
    fixes.push(t(lang, 'doctorRemoteFixHealth'));
  }
  if (f.startFirst.length) {
    care.push(t(lang, 'doctorRemoteCareStartFirst', { services: f.startFirst }));
    fixes.push(t(lang, 'doctorRemoteFixStartFirst', { services: f.startFirst }));
  }
  care.push(t(lang, 'doctorRemoteCareImages'));
  fixes.push(t(lang, 'doctorRemoteFixImages'));
  return {
    status: 'warn',
    summary: ['doctorRemoteEngine', { engine: f.engine, care: care.join('; ') }],
    fix: ['doctorRemoteFixes', { fixes: fixes.join(' ') }],
    details: {
      engine: f.engine,
      works: ['engine_api', 'compose', 'stack_deploy', 'build'],
      care: [
        ...(f.healthUrls.length ? [{ topic: 'health_urls', services: f.healthUrls.map((h) => h.service), loopback }] : []),
        ...(f.startFirst.length ? [{ topic: 'start_first', services: f.startFirst }] : []),
        { topic: 'images' },
      ],
    },
  };
}

/** A URL on this machine's loopback (localhost, 127.x, ::1): from here, that is not the engine's machine. */
function pointsHere(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}
