// Files of a project directory as the tests read them: the metrics file, env files, every file under a folder.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Project } from './project';

export function metricsPath(p: Project): string {
  return join(p.dir, 'logs', 'rollback-metrics.json');
}

/** The metrics file parsed (it must always be a JSON array); [] when absent. */
export function readMetrics(p: Project): Array<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const f = metricsPath(p);
  if (!existsSync(f)) return [];
  const data = JSON.parse(readFileSync(f, 'utf8')) as unknown;
  if (!Array.isArray(data)) throw new Error(`${f} is not a JSON array`);
  return data as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

export function metricsCount(p: Project): number {
  return readMetrics(p).length;
}

/** Assertion helper: the seed's keys (SPEC §6) on a metrics entry, numbers as numbers. */
export function assertSeedKeys(entry: Record<string, any>, fail: (msg: string) => never): void { // eslint-disable-line @typescript-eslint/no-explicit-any
  const need = (cond: boolean, msg: string): void => {
    if (!cond) fail(`${msg}: ${JSON.stringify(entry)}`);
  };
  need(typeof entry.timestamp === 'string' && /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|\+00:00)$/.test(entry.timestamp), 'timestamp is UTC ISO-8601');
  for (const k of ['event', 'version', 'status', 'hostname', 'user']) need(typeof entry[k] === 'string' && entry[k].length > 0, `${k} is a non-empty string`);
  need(typeof entry.duration_seconds === 'number' && entry.duration_seconds >= 0, 'duration_seconds is a number');
  const sm = entry.system_metrics;
  need(sm !== null && typeof sm === 'object', 'system_metrics is an object');
  for (const k of ['cpu_usage_percent', 'memory_usage_percent', 'disk_usage_percent', 'docker_containers_running', 'docker_images_count']) {
    need(typeof sm[k] === 'number' && Number.isFinite(sm[k]), `system_metrics.${k} is a number`);
  }
  const perf = entry.performance;
  need(perf !== null && typeof perf === 'object', 'performance is an object');
  need(['fast', 'normal', 'slow'].includes(perf.rollback_speed), 'performance.rollback_speed is fast|normal|slow');
  need(typeof perf.efficiency_score === 'number', 'performance.efficiency_score is a number');
  need(['manual', 'auto', 'emergency'].includes(entry.trigger), 'trigger is manual|auto|emergency');
  need(entry.services !== null && typeof entry.services === 'object', 'services is an object');
}

/** KEY=VALUE lines of an env file (no interpolation, quotes stripped). */
export function parseEnv(text: string): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of text.split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const i = t.indexOf('=');
    if (i < 0) continue;
    const k = t.slice(0, i).replace(/^export\s+/, '').trim();
    let v = t.slice(i + 1).trim();
    const q = v[0];
    if (q === '"' || q === "'") {
      // a quoted value ends at its closing quote; what follows (a comment) is not part of it
      const end = v.indexOf(q, 1);
      v = end > 0 ? v.slice(1, end) : v.slice(1);
    } else {
      // unquoted: a ` #` starts a comment, as compose reads it
      v = v.replace(/\s+#.*$/, '');
    }
    m.set(k, v);
  }
  return m;
}

export function mkdirp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Every file under a directory, recursively (paths joined to `dir`). */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}
