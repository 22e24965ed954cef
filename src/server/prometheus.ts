// Prometheus exposition (`/metrics`), rebuilt from the release history at every scrape: the counters
// always equal what `reprise history` holds, whichever process recorded the releases.
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DoraFigures } from '../domain/dora';
import type { HistoryEvent, Release } from '../domain/types';
import type { StatusResult } from '../commands/queries';

/** What one environment (or the project without environments) contributes to a scrape. */
export interface ScrapeSource {
  project: string;
  environment: string | null;
  releases: Release[];
  /** `notification` events, each with its deliveries */
  notifications: HistoryEvent[];
  dora: DoraFigures;
  /** null when the engine could not be read (the history still counts) */
  status: StatusResult | null;
}

export const DURATION_BUCKETS = [5, 10, 30, 60, 120, 180, 300, 600, 1200];

export async function exposition(sources: ScrapeSource[]): Promise<{ contentType: string; text: string }> {
  const registry = new Registry();
  const registers = [registry];
  const base = ['project', 'environment'] as const;
  const releases = new Counter({ name: 'reprise_releases_total', help: 'Releases recorded in the history, by kind, trigger and outcome', labelNames: [...base, 'kind', 'trigger', 'outcome'], registers });
  const rollbacks = new Counter({ name: 'reprise_rollbacks_total', help: 'Rollbacks (manual, automatic, dashboard, emergency) by trigger and outcome', labelNames: [...base, 'trigger', 'outcome'], registers });
  const durations = new Histogram({ name: 'reprise_release_duration_seconds', help: 'Duration of finished releases', labelNames: [...base, 'kind'], buckets: DURATION_BUCKETS, registers });
  const version = new Gauge({ name: 'reprise_version_info', help: 'Version each service runs (1 per running version)', labelNames: [...base, 'service', 'version'], registers });
  const current = new Gauge({ name: 'reprise_current_version_info', help: 'Version the stack runs as a whole (absent when mixed or unknown)', labelNames: [...base, 'version'], registers });
  const latency = new Gauge({ name: 'reprise_probe_latency_seconds', help: "Latency of each service's health URL at scrape time", labelNames: [...base, 'service'], registers });
  const up = new Gauge({ name: 'reprise_probe_up', help: 'Whether the health URL answered healthy at scrape time', labelNames: [...base, 'service'], registers });
  const deliveries = new Counter({ name: 'reprise_notification_deliveries_total', help: 'Notification deliveries by channel and result', labelNames: [...base, 'channel', 'outcome'], registers });
  const locked = new Gauge({ name: 'reprise_lock_held', help: 'Whether an operation holds the lock', labelNames: [...base], registers });
  const interrupted = new Gauge({ name: 'reprise_interrupted_operation', help: 'Whether an interrupted operation waits to be finished or undone', labelNames: [...base], registers });
  const cfr = new Gauge({ name: 'reprise_change_failure_ratio', help: 'DORA change failure rate over the window', labelNames: [...base], registers });
  const freq = new Gauge({ name: 'reprise_deployments_per_week', help: 'DORA deployment frequency over the window', labelNames: [...base], registers });
  const ttr = new Gauge({ name: 'reprise_time_to_restore_seconds', help: 'DORA median time to restore over the window', labelNames: [...base], registers });

  for (const s of sources) {
    const l = { project: s.project, environment: s.environment ?? '' };
    for (const r of s.releases) {
      releases.inc({ ...l, kind: r.kind, trigger: r.trigger, outcome: r.outcome });
      if (r.kind !== 'deploy') rollbacks.inc({ ...l, trigger: r.trigger, outcome: r.outcome });
      if (r.durationSeconds !== null && r.outcome !== 'running') durations.observe({ ...l, kind: r.kind }, r.durationSeconds);
    }
    for (const e of s.notifications) {
      const list = Array.isArray(e.details.deliveries) ? (e.details.deliveries as Array<{ channel?: unknown; ok?: unknown }>) : [];
      for (const d of list) deliveries.inc({ ...l, channel: String(d.channel ?? 'unknown'), outcome: d.ok ? 'delivered' : 'failed' });
    }
    if (s.dora.changeFailureRate !== null) cfr.set(l, s.dora.changeFailureRate);
    freq.set(l, s.dora.deploymentsPerWeek);
    if (s.dora.timeToRestoreMedianSeconds !== null) ttr.set(l, s.dora.timeToRestoreMedianSeconds);
    if (!s.status) continue;
    if (s.status.version) current.set({ ...l, version: s.status.version }, 1);
    locked.set(l, s.status.lock ? 1 : 0);
    interrupted.set(l, s.status.interrupted ? 1 : 0);
    for (const svc of s.status.services) {
      if (svc.version) version.set({ ...l, service: svc.name, version: svc.version }, 1);
      if (svc.probe) {
        up.set({ ...l, service: svc.name }, svc.probe.ok ? 1 : 0);
        latency.set({ ...l, service: svc.name }, svc.probe.latencyMs / 1000);
      }
    }
  }
  return { contentType: registry.contentType, text: await registry.metrics() };
}
