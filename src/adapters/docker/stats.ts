// One-shot resource usage of a container from the Engine API, computed the way the docker CLI does
// (`docker stats --no-stream`): works with cgroup v1 and v2 payloads.
import { DockerApiError, type DockerApi } from './api';

export interface StatsPayload {
  cpu_stats?: CpuStats;
  precpu_stats?: CpuStats;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number> };
}

interface CpuStats {
  cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null };
  system_cpu_usage?: number;
  online_cpus?: number;
}

export interface ResourceUsage {
  cpuPercent: number;
  memoryPercent: number;
  memoryBytes: number;
}

/** null when the container is gone or not running (the daemon then answers with empty stats). */
export async function containerStats(api: DockerApi, id: string): Promise<ResourceUsage | null> {
  let payload: StatsPayload;
  try {
    payload = await api.get<StatsPayload>(`/containers/${encodeURIComponent(id)}/stats?stream=false`);
  } catch (e) {
    if (e instanceof DockerApiError && (e.status === 404 || e.status === 409)) return null;
    throw e;
  }
  if (!payload?.memory_stats?.usage && !payload?.cpu_stats?.cpu_usage?.total_usage) return null;
  return usageFromStats(payload);
}

/** Pure: docker CLI's calculateCPUPercentUnix and memory "usage without cache". */
export function usageFromStats(s: StatsPayload): ResourceUsage {
  const cpu = s.cpu_stats ?? {};
  const pre = s.precpu_stats ?? {};
  const cpuDelta = (cpu.cpu_usage?.total_usage ?? 0) - (pre.cpu_usage?.total_usage ?? 0);
  const systemDelta = (cpu.system_cpu_usage ?? 0) - (pre.system_cpu_usage ?? 0);
  const onlineCpus = cpu.online_cpus || cpu.cpu_usage?.percpu_usage?.length || 1;
  const cpuPercent = systemDelta > 0 && cpuDelta > 0 ? (cpuDelta / systemDelta) * onlineCpus * 100 : 0;

  const mem = s.memory_stats ?? {};
  const usage = mem.usage ?? 0;
  const st = mem.stats ?? {};
  // cgroup v1: total_inactive_file; cgroup v2: inactive_file (docker CLI ≥ 20.10); older CLIs subtracted `cache`.
  const inactive = st.total_inactive_file ?? st.inactive_file ?? st.cache ?? 0;
  const memoryBytes = inactive < usage ? usage - inactive : usage;
  const limit = mem.limit ?? 0;
  const memoryPercent = limit > 0 ? (memoryBytes / limit) * 100 : 0;
  return { cpuPercent: round2(cpuPercent), memoryPercent: round2(memoryPercent), memoryBytes };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
