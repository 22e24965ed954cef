// One health probe against a real HTTP server on 127.0.0.1: a 2xx with a good JSON status passes, a body
// saying unhealthy fails, and a server that never answers is a timeout by the probe's own deadline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { probeHttp } from '../../src/adapters/probe/http-probe';

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; server: Server }> {
  const server = createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/health`, server };
}

test('probeHttp: 200 {"status":"ok"} passes, 200 {"status":"unhealthy"} and 503 fail', async () => {
  let body = '{"status":"ok"}';
  let code = 200;
  const { url, server } = await serve((_req, res) => res.writeHead(code, { 'Content-Type': 'application/json' }).end(body));
  try {
    assert.equal((await probeHttp(url, 2000)).ok, true);
    body = '{"status":"unhealthy"}';
    const bad = await probeHttp(url, 2000);
    assert.deepEqual([bad.ok, bad.reason], [false, 'HTTP 200 with "status": "unhealthy"']);
    code = 503;
    const down = await probeHttp(url, 2000);
    assert.deepEqual([down.ok, down.reason], [false, 'HTTP 503']);
  } finally {
    server.closeAllConnections();
    server.close();
  }
});

test('probeHttp: a server that never answers is a timeout at the deadline, and the probe settles', async () => {
  const { url, server } = await serve(() => undefined); // accepts, never answers
  try {
    const r = await probeHttp(url, 300);
    assert.equal(r.ok, false);
    assert.equal(r.reason, 'no answer within 300 ms');
  } finally {
    server.closeAllConnections();
    server.close();
  }
});
