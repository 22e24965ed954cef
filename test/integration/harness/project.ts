// Test projects: a throw-away copy of the demo project (compose file, .env with recognisable secrets,
// reprise.yml), its ports, unique names and versions, and the reprise.yml variants the tests write.
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { DEFAULT_COMPOSE, DEMO_COMPOSE, type ComposeFlavour } from './paths';
import { createdProjects } from './registry';

export function rid(n = 6): string {
  return randomBytes(8).toString('hex').slice(0, n);
}

/** A unique version name: letter + 6 random hex characters (valid per SPEC §5). */
export function newVersion(prefix = 'v'): string {
  return `${prefix}${rid(6)}`;
}

/** True when every port can be bound on 127.0.0.1 right now (checked in a child process, synchronously). */
export function portsFree(ports: number[]): boolean {
  const script =
    'const net=require("net");const ps=JSON.parse(process.argv[1]);let n=0,bad=0;' +
    'for(const p of ps){const s=net.createServer();s.once("error",()=>{bad++;if(++n===ps.length)process.exit(bad?1:0)});' +
    's.listen(p,"127.0.0.1",()=>s.close(()=>{if(++n===ps.length)process.exit(bad?1:0)}))}';
  return spawnSync(process.execPath, ['-e', script, JSON.stringify(ports)], { timeout: 10_000 }).status === 0;
}

/**
 * Ports for a test file: file N owns BASE+N*100 … +99 (BASE = REPRISE_IT_PORT_BASE, default 19000);
 * a random free block of 10 inside it per run; slot 0..2 gives 3 ports (api, frontend, bot).
 */
export function portAllocator(fileIndex: number): (slot: number) => { api: number; frontend: number; bot: number } {
  const base = Number(process.env.REPRISE_IT_PORT_BASE ?? 19000) + fileIndex * 100;
  let block = base;
  for (let attempt = 0; attempt < 20; attempt++) {
    block = base + Math.floor(Math.random() * 10) * 10;
    const all = Array.from({ length: 9 }, (_, i) => block + i);
    if (portsFree(all)) break;
  }
  return (slot) => {
    const b = block + slot * 3;
    return { api: b, frontend: b + 1, bot: b + 2 };
  };
}

export interface Project {
  dir: string;
  name: string;
  ports: { api: number; frontend: number; bot: number };
  secrets: { POSTGRES_PASSWORD: string; SECRET_KEY: string };
  compose: ComposeFlavour;
  /** versions whose images were built for this project (removed in cleanup) */
  versions: Set<string>;
}

export interface ProjectOptions {
  label: string;
  ports: { api: number; frontend: number; bot: number };
  compose?: ComposeFlavour;
  /** false: no reprise.yml at all */
  config?: boolean;
  /** extra YAML appended to reprise.yml */
  extraConfig?: string;
}

/** The demo's proxy section: api and frontend behind its nginx, released start-first. */
export const PROXY_YML = ['proxy: { service: proxy, upstreams: { api: 8000, frontend: 4444 }, drain_timeout: 10s }'];

export function reprisYml(name: string, ports: Project['ports']): string {
  return [
    `project: ${name}`,
    'health: { timeout: 30s, interval: 200ms, readiness_delay: 1s }',
    'services:',
    `  api: { health: { url: "http://127.0.0.1:${ports.api}/health" } }`,
    `  frontend: { health: { url: "http://127.0.0.1:${ports.frontend}/health" } }`,
    `  bot: { health: { url: "http://127.0.0.1:${ports.bot}/health" } }`,
    '  api-migrations: {}',
    ...PROXY_YML,
    '',
  ].join('\n');
}

/**
 * reprise.yml with two environments (staging, production) of the demo stack: each its own compose project
 * and env file (.env.staging / .env.production), health URLs from that env file's ports.
 */
export function environmentsYml(project: string, projects: { staging: string; production: string }, extra: string[] = []): string {
  return [
    `project: ${project}`,
    ...extra,
    'health: { timeout: 30s, interval: 200ms, readiness_delay: 1s }',
    'services:',
    '  api: { health: { url: "http://127.0.0.1:${API_PORT}/health" } }',
    '  frontend: { health: { url: "http://127.0.0.1:${FRONTEND_PORT}/health" } }',
    '  bot: { health: { url: "http://127.0.0.1:${BOT_PORT}/health" } }',
    '  api-migrations: {}',
    ...PROXY_YML,
    'environments:',
    `  staging: { project: ${projects.staging}, env_file: .env.staging }`,
    `  production: { project: ${projects.production}, env_file: .env.production }`,
    '',
  ].join('\n');
}

/** Writes `.env.<name>` (mode 0600): the project's env file with the environment's own ports. */
export function writeEnvironmentEnvFile(p: Project, name: string, ports: Project['ports']): void {
  const text = readFileSync(join(p.dir, '.env'), 'utf8')
    .replace(/^API_PORT=.*$/m, `API_PORT=${ports.api}`)
    .replace(/^FRONTEND_PORT=.*$/m, `FRONTEND_PORT=${ports.frontend}`)
    .replace(/^BOT_PORT=.*$/m, `BOT_PORT=${ports.bot}`);
  writeFileSync(join(p.dir, `.env.${name}`), text, { mode: 0o600 });
}

/**
 * The demo compose file with other repositories for its versioned images (`repository(service)`), so that a
 * test file owns every tag of them (what another project made of them is exactly what the test creates).
 */
export function demoComposeWithRepositories(repository: (service: string) => string): string {
  return readFileSync(DEMO_COMPOSE, 'utf8').replace(/image: recyclic-(api-migrations|api|frontend|bot):\$\{/g, (_m, s: string) => `image: ${repository(s)}:\${`);
}

/** A new test project (files only: nothing runs yet); cleanupAll() removes it if the test does not. */
export function makeProject(opts: ProjectOptions): Project {
  const r = rid();
  const dir = mkdtempSync(join(tmpdir(), `reprise-it-${opts.label}-`));
  const name = `rit-${opts.label}-${r}`.toLowerCase();
  const secrets = { POSTGRES_PASSWORD: `pw-${rid(10)}`, SECRET_KEY: `sk-${rid(12)}` };
  copyFileSync(DEMO_COMPOSE, join(dir, 'docker-compose.yml'));
  writeFileSync(
    join(dir, '.env'),
    [
      '# test project env file',
      'POSTGRES_DB=recyclic',
      'POSTGRES_USER=recyclic',
      `POSTGRES_PASSWORD=${secrets.POSTGRES_PASSWORD}`,
      `SECRET_KEY=${secrets.SECRET_KEY}`,
      `API_PORT=${opts.ports.api}`,
      `FRONTEND_PORT=${opts.ports.frontend}`,
      `BOT_PORT=${opts.ports.bot}`,
      '',
    ].join('\n'),
  );
  if (opts.config !== false) writeFileSync(join(dir, 'reprise.yml'), reprisYml(name, opts.ports) + (opts.extraConfig ?? ''));
  const p: Project = { dir, name, ports: opts.ports, secrets, compose: opts.compose ?? DEFAULT_COMPOSE, versions: new Set() };
  createdProjects.push(p);
  return p;
}
