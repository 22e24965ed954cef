// One HTTP health probe (SPEC §7): 2xx within the timeout, and a JSON `status` that is not unhealthy/down/error.
export interface ProbeResult {
  url: string;
  ok: boolean;
  status: number | null;
  latencyMs: number;
  reason: string | null;
}

const BAD_STATUS = new Set(['unhealthy', 'down', 'error']);

export async function probeHttp(url: string, timeoutMs: number): Promise<ProbeResult> {
  const started = performance.now();
  // A timer of our own, not AbortSignal.timeout(): that one is unref'd, so a fetch whose socket is not
  // holding the event loop either can let the process run out of work mid-command instead of timing out
  // (the likely, not proven, cause of one Swarm deploy ending "stopped before finishing" after its revert).
  // This one holds the loop until the probe settles, and no longer.
  const abort = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    abort.abort();
  }, timeoutMs);
  try {
    const res = await fetch(url, { signal: abort.signal, redirect: 'follow' });
    const text = await res.text();
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    if (res.status < 200 || res.status > 299) return { url, ok: false, status: res.status, latencyMs, reason: `HTTP ${res.status}` };
    const bodyStatus = jsonStatus(text);
    if (bodyStatus && BAD_STATUS.has(bodyStatus.toLowerCase())) {
      return { url, ok: false, status: res.status, latencyMs, reason: `HTTP ${res.status} with "status": "${bodyStatus}"` };
    }
    return { url, ok: true, status: res.status, latencyMs, reason: null };
  } catch (e) {
    const latencyMs = Math.round((performance.now() - started) * 10) / 10;
    const err = e as Error & { cause?: { code?: string } };
    const reason = timedOut ? `no answer within ${timeoutMs} ms` : (err.cause?.code ?? err.message);
    return { url, ok: false, status: null, latencyMs, reason };
  } finally {
    clearTimeout(timer);
  }
}

function jsonStatus(text: string): string | null {
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && 'status' in v && typeof (v as { status: unknown }).status === 'string') {
      return (v as { status: string }).status;
    }
  } catch {
    // not JSON: only the HTTP status counts
  }
  return null;
}
