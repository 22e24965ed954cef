// Waiting, bounded: for a stack to settle on a version, for a background reprise to print a line, for time.
import { stackProblem } from './observe';
import type { Project } from './project';
import type { Background } from './run';

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/**
 * Waits until every long-running versioned service runs `version` and is healthy per Docker, and the
 * one-shot migrations container of that version exited 0. Returns a description of what is wrong, or null.
 */
export async function waitStackOn(p: Project, version: string, timeoutMs = 45_000): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  let problem: string | null = 'not checked';
  while (Date.now() < deadline) {
    problem = stackProblem(p, version);
    if (!problem) return null;
    await sleep(500);
  }
  return problem;
}

/** Waits until the background process prints `text` on stderr (or fails if it exits first). */
export async function waitForStderr(bg: Background, text: string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void bg.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (bg.stderr().includes(text)) return;
    if (exited) throw new Error(`process exited before printing "${text}":\n${bg.stderr()}\n${bg.stdout()}`);
    await sleep(100);
  }
  throw new Error(`timed out waiting for "${text}":\n${bg.stderr()}`);
}

/** HTTP GET on 127.0.0.1 with a short timeout; null on network error. */
export async function httpGet(url: string): Promise<{ status: number; body: string } | null> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(3000) });
    return { status: res.status, body: await res.text() };
  } catch {
    return null;
  }
}
