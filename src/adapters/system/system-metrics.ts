import * as fs from 'node:fs';
import type { SystemMetrics } from '../../domain/types';
import { statfs } from './files';
import { readMeminfo } from './proc';

export interface DockerCounts {
  containersRunning(): Promise<number>;
  imagesCount(): Promise<number>;
}

interface CpuSample {
  idle: number;
  total: number;
}

/** Host CPU, memory, disk (of the filesystem holding `dir`) and Docker counts. Never throws. */
export async function collectSystemMetrics(dir: string, docker: DockerCounts | null, sampleMs = 200): Promise<SystemMetrics> {
  const [cpu, disk, containers, images] = await Promise.all([
    cpuPercent(sampleMs),
    diskPercent(dir),
    safeCount(docker ? () => docker.containersRunning() : null),
    safeCount(docker ? () => docker.imagesCount() : null),
  ]);
  return {
    cpu_usage_percent: cpu,
    memory_usage_percent: memoryPercent(),
    disk_usage_percent: disk,
    docker_containers_running: containers,
    docker_images_count: images,
  };
}

async function cpuPercent(sampleMs: number): Promise<number> {
  const a = readCpu();
  await new Promise((r) => setTimeout(r, sampleMs));
  const b = readCpu();
  if (!a || !b) return 0;
  const total = b.total - a.total;
  if (total <= 0) return 0;
  return pct((total - (b.idle - a.idle)) / total);
}

function readCpu(): CpuSample | null {
  try {
    const line = fs.readFileSync('/proc/stat', 'utf8').split('\n').find((l) => l.startsWith('cpu '));
    if (!line) return null;
    // user nice system idle iowait irq softirq steal (guest fields are already in user/nice)
    const v = line.trim().split(/\s+/).slice(1, 9).map(Number);
    if (v.length < 4 || v.some((n) => !Number.isFinite(n))) return null;
    const idle = v[3] + (v[4] ?? 0);
    return { idle, total: v.reduce((s, n) => s + n, 0) };
  } catch {
    return null;
  }
}

function memoryPercent(): number {
  try {
    const text = readMeminfo();
    const field = (name: string): number | null => {
      const m = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text);
      return m ? Number(m[1]) : null;
    };
    const total = field('MemTotal');
    const available = field('MemAvailable');
    if (!total || available === null) return 0;
    return pct((total - available) / total);
  } catch {
    return 0;
  }
}

async function diskPercent(dir: string): Promise<number> {
  try {
    const s = await statfs(dir);
    if (s.blocks <= 0) return 0;
    // Same as df: used / (used + available to unprivileged users).
    const used = s.blocks - s.bfree;
    const denom = used + s.bavail;
    return denom > 0 ? pct(used / denom) : 0;
  } catch {
    return 0;
  }
}

const DOCKER_TIMEOUT_MS = 5000;

/** A count from Docker; 0 when unavailable, failing or too slow. */
async function safeCount(fn: (() => Promise<number>) | null): Promise<number> {
  if (!fn) return 0;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<number>((resolve) => {
    // not unref'd: it must be able to end the race even when the call holds nothing on the event loop
    timer = setTimeout(() => resolve(0), DOCKER_TIMEOUT_MS);
  });
  try {
    const n = await Promise.race([fn(), timeout]);
    return Number.isFinite(n) && n >= 0 ? Math.round(n) : 0;
  } catch {
    return 0;
  } finally {
    clearTimeout(timer);
  }
}

function pct(ratio: number): number {
  const clamped = Math.min(1, Math.max(0, ratio));
  return Math.round(clamped * 1000) / 10;
}
