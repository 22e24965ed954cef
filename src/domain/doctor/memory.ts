// memory (`free -h`): the memory still available on this machine.
import { formatBytes, MiB } from './bytes';
import type { CheckStatus, Judgement } from './check';

export interface MemoryFacts {
  totalBytes: number;
  availableBytes: number;
  swapTotalBytes: number;
  swapFreeBytes: number;
}

/** From /proc/meminfo (kB values), like `free`; null when it cannot be read. */
export function memoryFromMeminfo(text: string): MemoryFacts | null {
  const field = (name: string): number | null => {
    const m = new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text);
    return m ? Number(m[1]) * 1024 : null;
  };
  const total = field('MemTotal');
  const available = field('MemAvailable');
  if (!total || available === null) return null;
  return { totalBytes: total, availableBytes: available, swapTotalBytes: field('SwapTotal') ?? 0, swapFreeBytes: field('SwapFree') ?? 0 };
}

/** fail: < 5 % or < 128 MiB available; warn: < 15 % or < 512 MiB. */
export function judgeMemory(m: MemoryFacts): Judgement {
  const availPercent = Math.round((m.availableBytes / m.totalBytes) * 1000) / 10;
  const usedPercent = Math.round((100 - availPercent) * 10) / 10;
  let status: CheckStatus = 'ok';
  if (availPercent < 5 || m.availableBytes < 128 * MiB) status = 'fail';
  else if (availPercent < 15 || m.availableBytes < 512 * MiB) status = 'warn';
  const params = {
    available: formatBytes(m.availableBytes),
    total: formatBytes(m.totalBytes),
    used: usedPercent,
    swap: m.swapTotalBytes > 0 ? `${formatBytes(m.swapTotalBytes - m.swapFreeBytes)}/${formatBytes(m.swapTotalBytes)}` : '-',
  };
  const details = { ...m, usedPercent, availablePercent: availPercent };
  if (status === 'ok') return { status, summary: ['doctorMemoryOk', params], fix: null, details };
  return { status, summary: ['doctorMemoryLow', params], fix: ['doctorMemoryFix', {}], details };
}
