// Who is asking: the socket's address, or — only when the socket is a reverse proxy the operator named in
// REPRISE_DASHBOARD_TRUSTED_PROXY — the address that proxy says it forwarded (the last X-Forwarded-For hop),
// and whether the visitor came over https (X-Forwarded-Proto). Never trusted from anyone else.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/** `::ffff:127.0.0.1` and `127.0.0.1` are one address */
function plain(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
}

function fromTrustedProxy(req: IncomingMessage, trusted: readonly string[]): boolean {
  const peer = req.socket.remoteAddress;
  return peer !== undefined && trusted.includes(plain(peer));
}

export function clientAddress(req: IncomingMessage, trusted: readonly string[]): string {
  const peer = plain(req.socket.remoteAddress ?? '-');
  if (!fromTrustedProxy(req, trusted)) return peer;
  const hops = String(req.headers['x-forwarded-for'] ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  return hops.length ? plain(hops[hops.length - 1]) : peer;
}

/** the visitor's connection is encrypted: TLS here, or https to the trusted proxy */
export function overHttps(req: IncomingMessage, trusted: readonly string[]): boolean {
  if ((req.socket as TLSSocket).encrypted) return true;
  return fromTrustedProxy(req, trusted) && String(req.headers['x-forwarded-proto'] ?? '').split(',')[0].trim().toLowerCase() === 'https';
}
