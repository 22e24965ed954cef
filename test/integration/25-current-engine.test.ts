// Acceptance of issue 16 (the Docker that users have today): everything in this file runs against the
// tests' CURRENT engine — Debian's docker.io 28.5 started with DOCKER_MIN_API_VERSION=1.44, so it refuses
// API 1.41 clients exactly like Docker Engine 29 — with compose 2.40 (scripts/current-engine.sh).
// - the engines table as its own row, and the start-first rollback under load;
// - API negotiation seen from outside: the engine refuses /v1.41, reprise speaks 1.51, doctor says so,
//   DOCKER_API_VERSION=1.41 is one clear line; versions, status and the dashboard answer;
// - the engine the user points at, every time: a docker context (DOCKER_CONTEXT and the CLI's current
//   context), ssh:// through a real sshd on 127.0.0.1 with a key made here, and tcp:// with TLS and client
//   certificates; each time reprise deploys and reads there and the host's own engine is untouched.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  composeReality,
  stackOnTwoVersions,
  dockerConfigDir,
  hostDocker,
  useCurrentEngine,
  baseEnv,
  containers,
  expectCode,
  expectedImages,
  portAllocator,
  startDashboardProcess,
  reprise,
  sleep,
  stackProblem,
  versionedImages,
  waitStackOn,
  type Project,
  type RunResult,
} from './harness';
import { engineTable } from './harness/engine-table';
import { startFirstUnderLoad } from './harness/start-first-scenario';

const engine = useCurrentEngine();
const ports = portAllocator(25);
const label = `current engine (${engine.versions.split(';').filter((v) => /^(docker\.io|docker-compose) /.test(v)).join(', ')})`;

engineTable({ reality: composeReality, ports: ports(0), skip: false, label, tag: 'cur' });
startFirstUnderLoad({ flavour: 'v2', ports: ports(1), skip: false, label: `compose 2.40 on the ${label}` });

/** The host engine's containers of a compose project: none may appear when reprise points elsewhere. */
function onHostEngine(p: Project): string[] {
  const r = hostDocker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${p.name}`]);
  assert.equal(r.status, 0, `docker ps on the host engine: ${String(r.stderr)}`);
  return String(r.stdout).split('\n').filter(Boolean);
}

/** The environment of a reprise run that finds its engine only through `extra` (no DOCKER_HOST of ours). */
function pointedEnv(p: Project, extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const env = baseEnv(p);
  delete env.DOCKER_HOST;
  delete env.DOCKER_CONTEXT;
  delete env.DOCKER_TLS_VERIFY;
  delete env.DOCKER_CERT_PATH;
  return { ...env, ...extra };
}

function oneLineError(r: RunResult, code: string, what: string): string {
  assert.equal(r.code, 1, `${what}: exit 1\n${r.stdout}\n${r.stderr}`);
  assert.equal(r.json?.ok, false, `${what}: JSON error`);
  assert.equal(r.json.error.code, code, `${what}: ${JSON.stringify(r.json.error)}`);
  const message = String(r.json.error.message);
  assert.ok(!message.includes('\n'), `${what}: one line: ${message}`);
  return message;
}

/** GET on the engine's unix socket, unversioned or not; status and body. */
function engineGet(path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ socketPath: engine.host.slice('unix://'.length), path, headers: { Host: 'docker' }, timeout: 10_000 }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('API negotiation and remote engines on the current engine', () => {
  const { p, A, B } = stackOnTwoVersions({ label: 'remote', ports: ports(2), compose: 'v2', deploy: [] });
  const tmp = mkdtempSync(join(tmpdir(), 'reprise-remote-'));
  const children: ChildProcess[] = [];

  after(() => {
    for (const c of children) c.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
  });

  test('the engine refuses API 1.41; reprise negotiates: versions, doctor (client and daemon API), DOCKER_API_VERSION=1.41 is one clear line', async () => {
    const old = await engineGet('/v1.41/version');
    assert.equal(old.status, 400, 'the current engine refuses a 1.41 client');
    assert.match(old.body, /too old.*1\.44/);
    const versions = expectCode(reprise(p, ['versions', '--json']), 0, 'versions');
    assert.ok((versions.json.versions as Array<{ version: string }>).some((v) => v.version === A), `versions lists A: ${versions.stdout}`);
    const d = reprise(p, ['doctor', '--json']);
    const eng = (d.json.checks as Array<{ id: string; status: string; summary: string; details: Record<string, unknown> }>).find((c) => c.id === 'engine')!;
    assert.equal(eng.status, 'ok', eng.summary);
    assert.equal(eng.details.minApiVersion, '1.44');
    assert.equal(eng.details.apiVersion, '1.51');
    assert.equal(eng.details.clientApiVersion, '1.51');
    assert.match(eng.summary, /1\.51/);
    const before = containers(p).length;
    const forced = reprise(p, ['deploy', A, '--yes', '--json'], { env: { DOCKER_API_VERSION: '1.41' } });
    const message = oneLineError(forced, 'DOCKER_UNAVAILABLE', 'DOCKER_API_VERSION=1.41');
    assert.match(message, /1\.41/);
    assert.match(message, /1\.44/);
    assert.equal(containers(p).length, before, 'nothing was created');
    const human = reprise(p, ['status'], { env: { DOCKER_API_VERSION: '1.41' } });
    assert.equal(human.code, 1);
    assert.match(human.stderr, /1\.41.*1\.44|1\.44.*1\.41/);
  });

  test('a docker context (DOCKER_CONTEXT, then the CLI\'s current context): reprise deploys and reads there, the host engine untouched; an unknown context is one clear line', () => {
    const config = dockerConfigDir(engine);
    const cli = (args: string[]): void => {
      const r = spawnSync('docker', args, { env: pointedEnv(p, { DOCKER_CONFIG: config }), encoding: 'utf8' });
      assert.equal(r.status, 0, `docker ${args.join(' ')}: ${r.stderr}`);
    };
    cli(['context', 'create', 'reprise-it', '--docker', `host=${engine.host}`]);
    const byVariable = reprise(p, ['deploy', A, '--yes', '--json'], { fullEnv: pointedEnv(p, { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'reprise-it' }) });
    expectCode(byVariable, 0, 'deploy A through DOCKER_CONTEXT');
    assert.equal(stackProblem(p, A), null, 'the current engine runs A');
    assert.deepEqual(onHostEngine(p), [], 'nothing on the host engine');
    cli(['context', 'use', 'reprise-it']);
    const s = expectCode(reprise(p, ['status', '--json'], { fullEnv: pointedEnv(p, { DOCKER_CONFIG: config }) }), 0, 'status through the current context');
    assert.equal(s.json.version, A);
    assert.ok((s.json.services as Array<{ state: string }>).every((x) => x.state === 'running' || x.state === 'exited'), s.stdout);
    const unknown = reprise(p, ['rollback', '--yes', '--json'], { fullEnv: pointedEnv(p, { DOCKER_CONFIG: config, DOCKER_CONTEXT: 'no-such-context' }) });
    assert.match(oneLineError(unknown, 'DOCKER_UNAVAILABLE', 'unknown context'), /no-such-context/);
    const bad = reprise(p, ['status', '--json'], { fullEnv: pointedEnv(p, { DOCKER_HOST: 'npipe:////./pipe/docker_engine' }) });
    assert.match(oneLineError(bad, 'DOCKER_UNAVAILABLE', 'npipe DOCKER_HOST'), /npipe/);
    assert.deepEqual(versionedImages(p), expectedImages(A), 'the refusals changed nothing');
  });

  test('ssh://root@127.0.0.1:PORT through a real sshd and a key made here: deploy and status there, no ssh left behind', async () => {
    const dir = join(tmp, 'ssh');
    spawnSync('mkdir', ['-p', dir, '/run/sshd']);
    chmodSync(dir, 0o700);
    for (const [file, type] of [['id', 'ed25519'], ['host', 'ed25519']]) {
      const k = spawnSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', 'reprise-test', '-f', join(dir, file)], { encoding: 'utf8' });
      assert.equal(k.status, 0, k.stderr);
    }
    spawnSync('cp', [join(dir, 'id.pub'), join(dir, 'authorized_keys')]);
    const port = ports(2).api + 50;
    writeFileSync(
      join(dir, 'sshd_config'),
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${join(dir, 'host')}`,
        `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
        'PermitRootLogin prohibit-password',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'StrictModes no',
        `PidFile ${join(dir, 'sshd.pid')}`,
        // the remote side of `docker system dial-stdio` reaches the current engine
        `SetEnv DOCKER_HOST=${engine.host}`,
        '',
      ].join('\n'),
    );
    const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
    children.push(sshd);
    let sshdLog = '';
    sshd.stderr!.setEncoding('utf8').on('data', (d: string) => (sshdLog += d));
    // the user's ssh configuration: this key, this known_hosts (a wrapper first on PATH stands for ~/.ssh/config)
    writeFileSync(join(dir, 'ssh_config'), [`Host 127.0.0.1`, `  IdentityFile ${join(dir, 'id')}`, `  UserKnownHostsFile ${join(dir, 'known_hosts')}`, '  StrictHostKeyChecking accept-new', '  BatchMode yes', ''].join('\n'));
    const bin = join(dir, 'bin');
    spawnSync('mkdir', ['-p', bin]);
    writeFileSync(join(bin, 'ssh'), `#!/bin/sh\nexec /usr/bin/ssh -F ${join(dir, 'ssh_config')} "$@"\n`, { mode: 0o755 });
    for (let i = 0; i < 50 && !sshdLog.includes('listening'); i++) await sleep(100);
    assert.match(sshdLog, /listening/, `sshd started: ${sshdLog}`);
    const env = pointedEnv(p, { DOCKER_HOST: `ssh://root@127.0.0.1:${port}`, PATH: `${bin}:${process.env.PATH}` });
    const d = expectCode(reprise(p, ['deploy', B, '--yes', '--json'], { fullEnv: env }), 0, 'deploy B over ssh');
    assert.equal(d.json.version, B);
    assert.equal(await waitStackOn(p, B, 10_000), null, 'the current engine runs B');
    assert.deepEqual(onHostEngine(p), [], 'nothing on the host engine');
    const s = expectCode(reprise(p, ['status', '--json'], { fullEnv: env }), 0, 'status over ssh');
    assert.equal(s.json.version, B);
    await sleep(500);
    const left = spawnSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' }).stdout.split('\n').filter((l) => l.includes(join(dir, 'ssh_config')));
    assert.deepEqual(left, [], 'no ssh client outlives reprise');
  });

  test('tcp://127.0.0.1 with TLS and client certificates: rollback and versions there; a server signed by another CA is refused with one clear line', () => {
    const env = pointedEnv(p, { DOCKER_HOST: engine.tlsHost, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: engine.tlsCerts });
    const r = expectCode(reprise(p, ['rollback', A, '--yes', '--json'], { fullEnv: env }), 0, 'rollback to A over TLS');
    assert.equal(r.json.version, A);
    assert.equal(stackProblem(p, A), null, 'the current engine runs A');
    assert.deepEqual(onHostEngine(p), [], 'nothing on the host engine');
    const v = expectCode(reprise(p, ['versions', '--json'], { fullEnv: env }), 0, 'versions over TLS');
    assert.equal(v.json.current, A);
    // another CA, made here: the engine's certificate must not be accepted
    const other = join(tmp, 'other-ca');
    spawnSync('mkdir', ['-p', other]);
    const ossl = (args: string[]): void => {
      const o = spawnSync('openssl', args, { cwd: other, encoding: 'utf8' });
      assert.equal(o.status, 0, o.stderr);
    };
    ossl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=other CA', '-keyout', 'ca-key.pem', '-out', 'ca.pem']);
    ossl(['req', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=client', '-keyout', 'key.pem', '-out', 'c.csr']);
    ossl(['x509', '-req', '-in', 'c.csr', '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-days', '1', '-out', 'cert.pem']);
    const refused = reprise(p, ['rollback', B, '--yes', '--json'], { fullEnv: { ...env, DOCKER_CERT_PATH: other } });
    assert.equal(refused.code, 1, `${refused.stdout}\n${refused.stderr}`);
    assert.equal(refused.json.error.code, 'DOCKER_UNAVAILABLE');
    assert.deepEqual(versionedImages(p), expectedImages(A), 'nothing changed');
  });

  test('the dashboard reads the current engine: /api/status names the running version and its services', async () => {
    const { bg, url } = await startDashboardProcess(p);
    children.push(bg.child);
    try {
      const status = (await (await fetch(`${url}api/status`)).json()) as { ok: boolean; version: string; services: Array<{ name: string; state: string }> };
      assert.equal(status.ok, true);
      assert.equal(status.version, A);
      assert.equal(status.services.find((s) => s.name === 'api')?.state, 'running');
    } finally {
      bg.child.kill('SIGTERM');
      await bg.exited;
    }
  });
});
