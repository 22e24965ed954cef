// A real Docker registry for tests, no Docker engine needed: Debian's docker-registry (the CNCF distribution
// registry 2.8) on a free port of 127.0.0.1, its storage in a temporary folder, with htpasswd auth (a bcrypt
// hash) and TLS (a throw-away CA, registry-tls.ts) when asked. stop() and start() keep the port and the
// storage, for a registry that goes away and comes back. Images are pushed and deleted through the API (registry-push.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { makeTestCertificates } from './registry-tls';

export { deleteTestImage, pushTestImage } from './registry-push';

export const REGISTRY_BIN = '/usr/bin/docker-registry';

/** Why the registry tests cannot run here, or null when they can. */
export function registryUnavailable(): string | null {
  return existsSync(REGISTRY_BIN) ? null : `${REGISTRY_BIN} is not installed (Debian package docker-registry)`;
}

export interface TestRegistryOptions {
  auth?: { username: string; password: string };
  tls?: boolean;
}

export interface TestRegistry {
  /** 127.0.0.1:PORT */
  host: string;
  /** its base URL: http://127.0.0.1:PORT or https://… */
  url: string;
  /** the temporary folder: configuration, storage, certificates (the caller removes it) */
  dir: string;
  /** the CA that signed its certificate, null without TLS */
  caFile: string | null;
  /** kills the registry and waits for its exit */
  stop(): Promise<void>;
  /** starts it again after stop(): same port, same storage */
  start(): Promise<void>;
}

const READY_TIMEOUT_MS = 15_000;
const STOP_TIMEOUT_MS = 5_000;

export async function startRegistry(opts: TestRegistryOptions = {}): Promise<TestRegistry> {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-registry-'));
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  const certs = opts.tls ? await makeTestCertificates(dir) : null;
  const config: Record<string, unknown> = {
    version: 0.1,
    log: { level: 'warn', accesslog: { disabled: true } },
    storage: { filesystem: { rootdirectory: join(dir, 'storage') }, delete: { enabled: true } },
    http: { addr: host, secret: randomBytes(16).toString('hex'), ...(certs ? { tls: { certificate: certs.certFile, key: certs.keyFile } } : {}) },
    health: { storagedriver: { enabled: false } },
  };
  if (opts.auth) {
    const htpasswd = join(dir, 'htpasswd');
    writeFileSync(htpasswd, `${opts.auth.username}:${bcrypt.hashSync(opts.auth.password, 4)}\n`);
    config.auth = { htpasswd: { realm: 'reprise-test', path: htpasswd } };
  }
  const configFile = join(dir, 'config.yml');
  writeFileSync(configFile, JSON.stringify(config, null, 2)); // JSON is YAML
  const url = `${certs ? 'https' : 'http'}://${host}`;
  const ca = certs ? readFileSync(certs.caFile, 'utf8') : undefined;

  let child: ChildProcess | null = null;
  let exited: Promise<void> = Promise.resolve();
  let output = '';
  const killOnExit = (): void => {
    child?.kill('SIGKILL');
  };

  const start = async (): Promise<void> => {
    if (child) return;
    output = '';
    const proc = spawn(REGISTRY_BIN, ['serve', configFile], { stdio: ['ignore', 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    child = proc;
    const keep = (d: Buffer): void => {
      output = (output + d.toString('utf8')).slice(-8192);
    };
    proc.stdout?.on('data', keep);
    proc.stderr?.on('data', keep);
    exited = new Promise((resolve) => {
      proc.once('exit', () => {
        if (child === proc) child = null;
        process.removeListener('exit', killOnExit);
        resolve();
      });
      proc.once('error', () => {
        if (child === proc) child = null;
        resolve();
      });
    });
    process.once('exit', killOnExit);
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (child !== proc) throw new Error(`docker-registry exited before answering on ${host}:\n${output}`);
      if (await answers(`${url}/v2/`, ca)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    await stop();
    throw new Error(`docker-registry did not answer on ${host} within ${READY_TIMEOUT_MS} ms:\n${output}`);
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    if (!proc) return;
    proc.kill('SIGTERM');
    const timer = setTimeout(() => proc.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  await start();
  return { host, url, dir, caFile: certs?.caFile ?? null, stop, start };
}

/** A port nothing listens on right now, on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Whether GET answers at all (a 401 counts: the registry is up). */
function answers(url: string, ca: string | undefined): Promise<boolean> {
  return new Promise((resolve) => {
    const get = url.startsWith('https:') ? https.get : http.get;
    const req = get(url, { ca, agent: false, timeout: 1000 }, (res) => {
      res.resume();
      resolve(true);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}
