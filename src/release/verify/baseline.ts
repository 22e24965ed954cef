// Latency baselines (issue 3 item 2): after a successful release, a small bounded burst per health URL,
// so "performance down by more than 50 %" compares against the previous release on the same machine.
import { probeBurst } from '../../adapters/probe/burst';
import { redact } from '../../domain/redact';
import { warn, type OpContext } from '../context';

/** A baseline is stored under its URL masked (no password, no query string): the state store keeps no token. */
export function baselineKey(url: string): string {
  return redact(url, []);
}

export const BASELINE_PROBES = 10;
export const BASELINE_INTERVAL_MS = 20;
export const BASELINE_TIMEOUT_MS = 5000;

/** Records one baseline per versioned service health URL. Never throws: problems become warnings. */
export async function recordBaselines(
  ctx: Pick<OpContext, 'project' | 'store' | 'lang' | 'out' | 'probe'>,
  releaseId: number,
  version: string,
): Promise<void> {
  try {
    const urls = [...new Set(ctx.project.versioned.filter((s) => !s.oneShot && s.healthUrl).map((s) => s.healthUrl!))];
    if (urls.length === 0) return;
    const stats = await probeBurst(urls, { count: BASELINE_PROBES, intervalMs: BASELINE_INTERVAL_MS, timeoutMs: BASELINE_TIMEOUT_MS }, ctx.probe);
    for (const s of stats.values()) {
      if (s.ok === 0 || s.medianMs === null || s.p95Ms === null) {
        warn(ctx, 'baselineWarning', { url: s.url, problem: `no healthy answer in ${s.samples} probes` });
        continue;
      }
      ctx.store.recordBaseline(ctx.project.name, releaseId, version, baselineKey(s.url), { medianMs: s.medianMs, p95Ms: s.p95Ms, samples: s.samples });
    }
  } catch (e) {
    warn(ctx, 'baselineWarning', { url: '-', problem: (e as Error).message });
  }
}
