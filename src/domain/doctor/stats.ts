// stats (`docker stats`): the running containers' CPU and memory against the project's thresholds.
import type { Judgement } from './check';

export interface StatsRow {
  container: string;
  service: string;
  cpuPercent: number;
  memoryPercent: number;
  memoryBytes: number;
}

export function judgeStats(rows: StatsRow[], cpuLimit: number, memLimit: number): Judgement {
  const details = { containers: rows, thresholds: { cpuPercent: cpuLimit, memoryPercent: memLimit } };
  if (rows.length === 0) return { status: 'ok', summary: ['doctorStatsNone', {}], fix: null, details };
  const high = rows.filter((r) => r.cpuPercent > cpuLimit || r.memoryPercent > memLimit);
  if (high.length) {
    return {
      status: 'warn',
      summary: ['doctorStatsHigh', { list: high.map((r) => `${r.service} (${r.container}) CPU ${r.cpuPercent} %, RAM ${r.memoryPercent} %`).join('; '), cpu: cpuLimit, mem: memLimit }],
      fix: ['doctorStatsFix', {}],
      details,
    };
  }
  const cpu = rows.reduce((a, b) => (b.cpuPercent > a.cpuPercent ? b : a));
  const mem = rows.reduce((a, b) => (b.memoryPercent > a.memoryPercent ? b : a));
  return {
    status: 'ok',
    summary: ['doctorStatsOk', { count: rows.length, cpu: cpu.cpuPercent, cpuService: cpu.service, mem: mem.memoryPercent, memService: mem.service, cpuLimit, memLimit }],
    fix: null,
    details,
  };
}
