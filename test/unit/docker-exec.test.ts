// A command run in a container through the Engine API (the gate's own healthcheck runs, issue 17), against a
// small fake daemon on a real unix socket: it answers /version, creates execs, starts them the way dockerd
// does (the connection taken over, a raw 200 head, the multiplexed frames, then the connection closed when
// the command ends) and gives their exit code; the container's healthcheck is read from its inspect document.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'node:net';
import { DockerApi, DockerApiError } from '../../src/adapters/docker/api';
import { execInContainer } from '../../src/adapters/docker/exec';
import { ComposeEngine } from '../../src/engines/compose/compose-engine';

const dir = mkdtempSync(join(tmpdir(), 'reprise-exec-'));
after(() => rmSync(dir, { recursive: true, force: true }));

interface Seen {
  method: string;
  path: string;
  body: unknown;
}

interface FakeDaemon {
  socketPath: string;
  seen: Seen[];
  /** exec starts whose connection the client closed before the command ended */
  abandoned: number;
  close(): Promise<void>;
}

const frame = (stream: 1 | 2, text: string): Buffer => {
  const payload = Buffer.from(text, 'utf8');
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(payload.length, 4);
  return Buffer.concat([head, payload]);
};

async function bodyOf(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? JSON.parse(text) : null;
}

/** What each command does, chosen by a word of its command line. */
const SCRIPTS: Record<string, { frames: Buffer[]; exitCode: number; hang?: boolean; runningFirst?: boolean }> = {
  ok: { frames: [frame(1, 'ready\n')], exitCode: 0 },
  fail: { frames: [frame(1, 'Connecting to 127.0.0.1:8000\n'), frame(2, 'wget: server returned error: HTTP/1.1 500 Internal Server Error\n')], exitCode: 1 },
  hang: { frames: [], exitCode: 0, hang: true },
  flood: { frames: Array.from({ length: 200 }, (_, i) => frame(1, `line ${i} ${'y'.repeat(1000)}\n`)), exitCode: 0 },
  late: { frames: [frame(1, 'done\n')], exitCode: 3, runningFirst: true },
};

let sockets = 0;
async function fakeDaemon(): Promise<FakeDaemon> {
  const socketPath = join(dir, `d${++sockets}.sock`);
  const seen: Seen[] = [];
  const execs = new Map<string, { script: string; asked: number }>();
  const fake: FakeDaemon = { socketPath, seen, abandoned: 0, close: async () => undefined };
  const open = new Set<Socket>();
  const server: Server = createServer(async (req, res) => {
    const path = req.url ?? '';
    const body = await bodyOf(req);
    seen.push({ method: req.method ?? '', path, body });
    const json = (status: number, doc: unknown): void => void res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(doc));
    if (path === '/version') return json(200, { ApiVersion: '1.45', MinAPIVersion: '1.24' });
    let m = /^\/v1\.45\/containers\/([^/]+)\/json$/.exec(path);
    if (m) {
      if (m[1] === 'plain') return json(200, { Id: 'plain', Config: { Image: 'x' } });
      return json(200, { Id: m[1], Config: { Shell: m[1] === 'bash' ? ['/bin/bash', '-c'] : null, Healthcheck: { Test: ['CMD-SHELL', 'check ok'], Interval: 30e9, Timeout: 2e9, StartPeriod: 10e9, Retries: 3 } } });
    }
    m = /^\/v1\.45\/containers\/([^/]+)\/exec$/.exec(path);
    if (m && req.method === 'POST') {
      if (m[1] === 'gone') return json(404, { message: `No such container: ${m[1]}` });
      if (m[1] === 'stopped') return json(409, { message: `Container ${m[1]} is not running` });
      const cmd = (body as { Cmd: string[] }).Cmd.join(' ');
      const id = `e${execs.size + 1}`;
      execs.set(id, { script: Object.keys(SCRIPTS).find((k) => cmd.includes(k)) ?? 'ok', asked: 0 });
      return json(201, { Id: id });
    }
    m = /^\/v1\.45\/exec\/([^/]+)\/start$/.exec(path);
    if (m && req.method === 'POST') {
      const s = SCRIPTS[execs.get(m[1])!.script];
      // dockerd takes the connection over: a raw head, the frames as the command writes them, then it closes
      const sock = req.socket;
      open.add(sock);
      sock.write('HTTP/1.1 200 OK\r\nContent-Type: application/vnd.docker.raw-stream\r\n\r\n');
      for (const f of s.frames) {
        sock.write(f.subarray(0, 3)); // a frame header split across writes
        sock.write(f.subarray(3));
      }
      if (s.hang) {
        sock.on('close', () => fake.abandoned++);
        return;
      }
      sock.end();
      return;
    }
    m = /^\/v1\.45\/exec\/([^/]+)\/json$/.exec(path);
    if (m) {
      const e = execs.get(m[1])!;
      const s = SCRIPTS[e.script];
      e.asked++;
      if (s.runningFirst && e.asked === 1) return json(200, { ID: m[1], Running: true, ExitCode: null });
      return json(200, { ID: m[1], Running: false, ExitCode: s.exitCode });
    }
    return json(404, { message: 'page not found' });
  });
  server.on('connection', (s: Socket) => open.add(s));
  await new Promise<void>((r) => server.listen(socketPath, r));
  fake.close = () =>
    new Promise<void>((r) => {
      for (const s of open) s.destroy();
      server.closeAllConnections();
      server.close(() => r());
    });
  return fake;
}

test('exec: created with the argument array (no TTY, no shell added), started attached, output demultiplexed, exit code read', async () => {
  const d = await fakeDaemon();
  try {
    const api = new DockerApi({ socketPath: d.socketPath }, 5000, null);
    const ok = await execInContainer(api, 'c1', ['check', 'ok'], { timeoutMs: 5000 });
    assert.deepEqual([ok.exitCode, ok.output, ok.timedOut], [0, 'ready\n', false]);
    const create = d.seen.find((s) => s.path === '/v1.45/containers/c1/exec')!;
    assert.deepEqual([create.method, create.body], ['POST', { Cmd: ['check', 'ok'], AttachStdin: false, AttachStdout: true, AttachStderr: true, Tty: false }]);
    const start = d.seen.find((s) => s.path === '/v1.45/exec/e1/start')!;
    assert.deepEqual([start.method, start.body], ['POST', { Detach: false, Tty: false }]);
    assert.ok(d.seen.some((s) => s.method === 'GET' && s.path === '/v1.45/exec/e1/json'));

    const fail = await execInContainer(api, 'c1', ['check', 'fail'], { timeoutMs: 5000 });
    assert.equal(fail.exitCode, 1);
    assert.equal(fail.output, 'Connecting to 127.0.0.1:8000\nwget: server returned error: HTTP/1.1 500 Internal Server Error\n', 'stdout and stderr in order');
    // what the command answered, without its warnings: a schema head is read from stdout alone
    assert.equal(fail.stdout, 'Connecting to 127.0.0.1:8000\n');
    assert.equal(ok.stdout, 'ready\n');

    const late = await execInContainer(api, 'c1', ['late'], { timeoutMs: 5000 });
    assert.equal(late.exitCode, 3, 'an exit code set a moment after the stream ended is waited for');
  } finally {
    await d.close();
  }
});

test('exec: output bounded to Docker\'s 4096 bytes, cut at a line end', async () => {
  const d = await fakeDaemon();
  try {
    const api = new DockerApi({ socketPath: d.socketPath }, 5000, null);
    const r = await execInContainer(api, 'c1', ['flood'], { timeoutMs: 5000 });
    assert.equal(r.exitCode, 0);
    assert.ok(Buffer.byteLength(r.output) <= 4096 + 3, `bounded: ${Buffer.byteLength(r.output)} bytes`);
    assert.match(r.output, /^(line \d y+\n){4}…$/, 'whole lines, then a mark of the cut');
  } finally {
    await d.close();
  }
});

test('exec: a command that never ends is a timeout at its own deadline, and its connection is closed', async () => {
  const d = await fakeDaemon();
  try {
    const api = new DockerApi({ socketPath: d.socketPath }, 5000, null);
    const r = await execInContainer(api, 'c1', ['hang'], { timeoutMs: 300 });
    assert.deepEqual([r.exitCode, r.timedOut], [null, true]);
    for (let i = 0; i < 50 && d.abandoned === 0; i++) await new Promise((res) => setTimeout(res, 10));
    assert.equal(d.abandoned, 1, 'the hijacked connection was closed by the client');
    // a caller's signal gives it up the same way
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 50);
    const given = await execInContainer(api, 'c1', ['hang'], { timeoutMs: 5000, signal: stop.signal });
    assert.deepEqual([given.exitCode, given.timedOut], [null, true]);
  } finally {
    await d.close();
  }
});

test('exec: a container gone or stopped is the engine\'s error (404, 409)', async () => {
  const d = await fakeDaemon();
  try {
    const api = new DockerApi({ socketPath: d.socketPath }, 5000, null);
    await assert.rejects(execInContainer(api, 'gone', ['x'], { timeoutMs: 1000 }), (e: unknown) => e instanceof DockerApiError && e.status === 404);
    await assert.rejects(execInContainer(api, 'stopped', ['x'], { timeoutMs: 1000 }), (e: unknown) => e instanceof DockerApiError && e.status === 409);
  } finally {
    await d.close();
  }
});

test("engine: the container's healthcheck read with Docker's values, run once as Docker runs it", async () => {
  const d = await fakeDaemon();
  try {
    const api = new DockerApi({ socketPath: d.socketPath }, 5000, null);
    const engine = new ComposeEngine(api, 'demo', () => Promise.reject(new Error('compose is not used here')));
    const check = await engine.healthcheck('c1');
    assert.deepEqual(check, { test: ['CMD-SHELL', 'check ok'], command: ['/bin/sh', '-c', 'check ok'], intervalMs: 30_000, timeoutMs: 2_000, startPeriodMs: 10_000, retries: 3 });
    assert.deepEqual((await engine.healthcheck('bash'))?.command, ['/bin/bash', '-c', 'check ok'], "the image's SHELL");
    assert.equal(await engine.healthcheck('plain'), null, 'no healthcheck');

    const run = await engine.runHealthcheck('c1', check!, 2000);
    assert.deepEqual([run?.exitCode, run?.output], [0, 'ready\n']);
    assert.deepEqual((d.seen.find((s) => s.path === '/v1.45/containers/c1/exec')?.body as { Cmd: string[] }).Cmd, ['/bin/sh', '-c', 'check ok']);

    const fail = await engine.runHealthcheck('c1', { ...check!, command: ['/bin/sh', '-c', 'check fail'] }, 2000);
    assert.equal(fail?.exitCode, 1);
    const hung = await engine.runHealthcheck('c1', { ...check!, command: ['hang'] }, 200);
    assert.deepEqual([hung?.exitCode, hung?.output], [-1, 'Health check exceeded timeout (0.2s)'], "Docker's outcome for a timeout");
    assert.equal(await engine.runHealthcheck('gone', check!, 1000), null, 'a container gone: no run');
    assert.equal(await engine.runHealthcheck('stopped', check!, 1000), null, 'a stopped container: no run');
  } finally {
    await d.close();
  }
});
