// One HTTP exchange with a registry or its token service, on node:http / node:https (fetch takes no CA):
// bounded in time (connect, TLS, headers and body together) and in size. Node's own error (with its `code`)
// is passed on for the client to name; a timeout is a TransportTimeout.
import * as http from 'node:http';
import * as https from 'node:https';

export interface Exchange {
  method: 'GET' | 'HEAD';
  url: URL;
  headers: Record<string, string>;
  timeoutMs: number;
  /** the CAs to trust for https, undefined for node's defaults */
  ca?: string[];
}

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** The most of a body read: a tag list of thousands of tags fits many times over. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

export class TransportTimeout extends Error {
  readonly code = 'REPRISE_TIMEOUT';
  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

export class BodyTooLarge extends Error {
  readonly code = 'REPRISE_BODY_TOO_LARGE';
  constructor() {
    super(`an answer larger than ${MAX_BODY_BYTES} bytes`);
  }
}

export function exchange(x: Exchange): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const secure = x.url.protocol === 'https:';
    const options: https.RequestOptions = { method: x.method, headers: { 'User-Agent': 'reprise', ...x.headers }, agent: false };
    if (secure && x.ca) options.ca = x.ca;
    let settled = false;
    const fail = (err: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      reject(err);
    };
    const req = (secure ? https : http).request(x.url, options, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) fail(new BodyTooLarge());
        else chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('end', () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
      });
    });
    const timer = setTimeout(() => fail(new TransportTimeout(x.timeoutMs)), x.timeoutMs);
    req.on('error', fail);
    req.end();
  });
}

/** A header's value as one text (node gives some repeated headers as arrays). */
export function headerText(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}
