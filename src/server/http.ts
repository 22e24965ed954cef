// Small helpers around node:http: responses with the dashboard's security headers, bounded request bodies.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { RepriseError } from '../domain/errors';

/** Nothing is fetched from elsewhere: scripts, styles and data all come from this server. */
const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
};

export function send(res: ServerResponse, status: number, contentType: string, body: string | Buffer, extra: Record<string, string> = {}): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(body)), ...extra });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, text: string, extra: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', text, extra);
}

export class BodyTooLarge extends Error {}

/**
 * Reads a request body up to `limit` bytes. A larger one is refused without being buffered: the rest is
 * read and dropped (up to 1 MiB, then the connection is cut) so the client still gets the answer.
 */
export function readBody(req: IncomingMessage, limit = 16 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 1024 * 1024) req.destroy();
      else if (size <= limit) chunks.push(c);
    });
    req.on('end', () => (size > limit ? reject(new BodyTooLarge(`body larger than ${limit} bytes`)) : resolve(Buffer.concat(chunks).toString('utf8'))));
    req.on('error', reject);
  });
}

/**
 * A request's JSON object body (the page's POSTs). Its Content-Type must be JSON: such a body cannot be sent
 * cross-site without a preflight this server never grants. Anything else is a USAGE error (400).
 */
export async function readJsonObject(req: IncomingMessage): Promise<Record<string, unknown>> {
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: 'Content-Type must be application/json' });
  let raw: unknown;
  try {
    raw = JSON.parse((await readBody(req)) || '{}');
  } catch (e) {
    throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: e instanceof BodyTooLarge ? e.message : 'the body is not JSON' });
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new RepriseError('USAGE', 'dashboardBadRequest', { problem: 'the body must be a JSON object' });
  return raw as Record<string, unknown>;
}
