// Which host names only this machine reaches: the dashboard may run without a token there, notifications may
// use plain HTTP and SMTP without TLS there.

/**
 * `localhost`, `::1` (bracketed, as WHATWG URL hostnames and Host headers write it, or not) and 127.0.0.0/8;
 * anything else, `localhost.` and names that merely start with 127.0.0.1 included, is not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(h);
  return m !== null && m.slice(1).every((n) => Number(n) <= 255);
}
