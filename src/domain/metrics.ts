// Pure construction of rollback metrics entries (SPEC §6, logs/rollback-metrics.json).
import type { DataRestoreRecord, MetricsEntry, MetricsEvent, ReleaseTrigger, SystemMetrics } from './types';

export type RollbackSpeed = MetricsEntry['performance']['rollback_speed'];
export type MetricsStatus = MetricsEntry['status'];

/** fast < 60 s, normal < 180 s, else slow. */
export function rollbackSpeed(seconds: number): RollbackSpeed {
  if (seconds < 60) return 'fast';
  if (seconds < 180) return 'normal';
  return 'slow';
}

/** 0 on failure; 100 fast, 90 normal, 80 slow up to 300 s, 70 beyond. */
export function efficiencyScore(seconds: number, ok: boolean): number {
  if (!ok) return 0;
  if (seconds < 60) return 100;
  if (seconds < 180) return 90;
  if (seconds <= 300) return 80;
  return 70;
}

/** The `event` value for a trigger and an outcome. A cancellation is always `rollback_cancelled`. */
export function metricsEvent(trigger: ReleaseTrigger, status: MetricsStatus): MetricsEvent {
  if (status === 'cancelled') return 'rollback_cancelled';
  const prefix = trigger === 'auto' ? 'auto_rollback' : trigger === 'emergency' ? 'emergency_rollback' : 'rollback';
  return `${prefix}_${status}`;
}

export interface MetricsInput {
  trigger: ReleaseTrigger;
  outcome: MetricsStatus;
  version: string;
  fromVersion: string | null;
  startedAt: Date;
  finishedAt: Date;
  hostname: string;
  user: string;
  system: SystemMetrics;
  /** per-service seconds */
  services: Record<string, number>;
  project?: string;
  /** the environment of the configuration (`-e`), when one was selected */
  environment?: string | null;
  error?: { code: string; message: string } | null;
  dataRestored?: DataRestoreRecord[] | null;
}

export function buildMetricsEntry(input: MetricsInput): MetricsEntry {
  const seconds = Math.max(0, (input.finishedAt.getTime() - input.startedAt.getTime()) / 1000);
  const duration = round(seconds, 2);
  const entry: MetricsEntry = {
    timestamp: isoSeconds(input.finishedAt),
    event: metricsEvent(input.trigger, input.outcome),
    version: input.version,
    duration_seconds: duration,
    status: input.outcome,
    hostname: input.hostname,
    user: input.user,
    system_metrics: {
      cpu_usage_percent: round(input.system.cpu_usage_percent, 1),
      memory_usage_percent: round(input.system.memory_usage_percent, 1),
      disk_usage_percent: round(input.system.disk_usage_percent, 1),
      docker_containers_running: Math.round(input.system.docker_containers_running),
      docker_images_count: Math.round(input.system.docker_images_count),
    },
    performance: {
      rollback_speed: rollbackSpeed(duration),
      efficiency_score: efficiencyScore(duration, input.outcome === 'success'),
    },
    from_version: input.fromVersion,
    // SPEC §6 knows three triggers: a rollback asked from the dashboard is a manual one, marked by `source`
    trigger: input.trigger === 'dashboard' ? 'manual' : input.trigger,
    services: Object.fromEntries(Object.entries(input.services).map(([k, v]) => [k, round(v, 1)])),
  };
  if (input.trigger === 'dashboard') entry.source = 'dashboard';
  if (input.project !== undefined) entry.project = input.project;
  if (input.environment) entry.environment = input.environment;
  if (input.error) entry.error = { code: input.error.code, message: input.error.message };
  if (input.dataRestored?.length) entry.data_restored = input.dataRestored.map((d) => ({ ...d }));
  return entry;
}

/** UTC ISO-8601 without milliseconds, e.g. 2025-01-27T10:30:00Z. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function round(n: number, decimals: number): number {
  if (!Number.isFinite(n)) return 0;
  const f = 10 ** decimals;
  return Math.round(n * f) / f;
}
