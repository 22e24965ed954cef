// The tests' second, current engine (scripts/current-engine.sh: Debian's docker.io 28.5 refusing clients
// below API 1.44, like Docker Engine 29; compose 2.40; its own docker CLI 28.5). A test file that calls
// useCurrentEngine() talks to it for everything: reprise, the docker CLI, compose and the image builds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO } from './paths';

export interface CurrentEngine {
  /** unix:// socket of the engine */
  host: string;
  /** tcp://127.0.0.1:PORT, TLS with client certificates */
  tlsHost: string;
  /** ca.pem, cert.pem, key.pem of a client (DOCKER_CERT_PATH) */
  tlsCerts: string;
  /** directory with the docker-compose 2.40 plugin */
  cliPlugins: string;
  /** directory with only its docker CLI */
  cli: string;
  /** unpacked package versions, `;`-separated */
  versions: string;
}

export const HOST_ENGINE = 'unix:///var/run/docker.sock';

/** Starts the current engine when it does not answer (idempotent) and returns where it is. */
export function startCurrentEngine(): CurrentEngine {
  const script = join(REPO, 'scripts', 'current-engine.sh');
  const start = spawnSync('bash', [script, 'start'], { encoding: 'utf8', timeout: 300_000 });
  if (start.status !== 0) throw new Error(`scripts/current-engine.sh start failed (${start.status}):\n${start.stderr}`);
  const env = spawnSync('bash', [script, 'env'], { encoding: 'utf8' }).stdout;
  const get = (k: string): string => {
    const m = new RegExp(`^${k}=(.*)$`, 'm').exec(env);
    if (!m) throw new Error(`scripts/current-engine.sh env: no ${k}`);
    return m[1];
  };
  return {
    host: get('REPRISE_CURRENT_DOCKER_HOST'),
    tlsHost: get('REPRISE_CURRENT_TLS_HOST'),
    tlsCerts: get('REPRISE_CURRENT_TLS_CERTS'),
    cliPlugins: get('REPRISE_CURRENT_CLI_PLUGINS'),
    cli: get('REPRISE_CURRENT_CLI'),
    versions: get('REPRISE_CURRENT_VERSIONS'),
  };
}

/** A docker CLI configuration directory (no context, compose 2.40 as its plugin): DOCKER_CONFIG for the tests. */
export function dockerConfigDir(engine: CurrentEngine): string {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-docker-config-'));
  mkdirSync(join(dir, 'cli-plugins'));
  symlinkSync(join(engine.cliPlugins, 'docker-compose'), join(dir, 'cli-plugins', 'docker-compose'));
  return dir;
}

/**
 * Points this test process (and so every reprise, docker and compose it spawns) at the current engine:
 * DOCKER_HOST, a DOCKER_CONFIG whose compose plugin is 2.40, its docker CLI first on PATH. Call it at the
 * top of a test file (each file runs in its own process).
 */
export function useCurrentEngine(): CurrentEngine {
  const engine = startCurrentEngine();
  process.env.DOCKER_HOST = engine.host;
  process.env.DOCKER_CONFIG = dockerConfigDir(engine);
  process.env.PATH = `${engine.cli}:${process.env.PATH ?? ''}`;
  delete process.env.DOCKER_CONTEXT;
  return engine;
}

/** `docker` against the host's own engine, whatever this process points at. */
export function hostDocker(args: string[]): ReturnType<typeof spawnSync> {
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: HOST_ENGINE };
  delete env.DOCKER_CONTEXT;
  return spawnSync('docker', args, { encoding: 'utf8', env, timeout: 60_000 });
}
