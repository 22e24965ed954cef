// Waiting that a stop cuts short: the watch's probe loop and serve's clock both sleep until their next turn
// or until they are told to stop, whichever comes first.

/** Resolves after `ms`, or at once when `signal` aborts (or had aborted already). Never rejects. */
export function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
