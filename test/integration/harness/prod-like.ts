// The prod-like fixture (test/fixtures/prod-like) as 28-adopt and 29-router-start-first run it: a copy of
// the user's production shape with this run's names and secrets, its images built, started with plain
// compose (no reprise) and waited for; removed again with everything it made (its compose project,
// leftovers compose no longer knows, its images, its directory and its external network).
import assert from 'node:assert/strict';
import { chmodSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeRemains } from './cleanup';
import { plainCompose } from './compose';
import { docker } from './observe';
import { PROD_LIKE_FIXTURE } from './paths';
import type { Project } from './project';
import { waitStackOn } from './wait';

export interface ProdLikeOptions {
  /** part of the temporary directory's name */
  label: string;
  /** the compose project (test projects are named rit-*: scripts/test.sh removes what an interrupted run left) */
  name: string;
  /** CONTAINER_PREFIX: every container_name starts with it */
  prefix: string;
  /** EDGE_NETWORK: the external network, created here */
  edge: string;
  ports: Project['ports'];
  secrets: Project['secrets'];
  /** the version every tag line of .build-meta.env names, and the stack runs once started */
  version: string;
  /** builds the images (the fixture's `version` among them) */
  build: (p: Project) => void;
  /** mode of .build-meta.env (default: as copied) */
  metaMode?: number;
}

/** The user's own command line: `docker compose -p NAME -f docker-compose.prod.yml --env-file … --env-file …`. */
export function prodLikeComposeArgs(name: string): string[] {
  return ['-p', name, '-f', 'docker-compose.prod.yml', '--env-file', '.env.production', '--env-file', '.build-meta.env'];
}

/**
 * Starts the prod-like stack as its user does, without reprise, and waits until it runs `version`, healthy.
 * Returns the project, .env.production and .build-meta.env as written.
 */
export async function startProdLike(o: ProdLikeOptions): Promise<{ p: Project; prodText: string; metaText: string }> {
  const dir = mkdtempSync(join(tmpdir(), `reprise-it-${o.label}-`));
  cpSync(PROD_LIKE_FIXTURE, dir, { recursive: true });
  const p: Project = { dir, name: o.name, ports: o.ports, secrets: o.secrets, compose: 'v2', versions: new Set() };
  const prodText = readFileSync(join(dir, '.env.production'), 'utf8')
    .replace(/^CONTAINER_PREFIX=.*$/m, `CONTAINER_PREFIX=${o.prefix}`)
    .replace(/^EDGE_NETWORK=.*$/m, `EDGE_NETWORK=${o.edge}`)
    .replace(/^POSTGRES_PASSWORD=.*$/m, `POSTGRES_PASSWORD=${o.secrets.POSTGRES_PASSWORD}`)
    .replace(/^SECRET_KEY=.*$/m, `SECRET_KEY=${o.secrets.SECRET_KEY}`);
  writeFileSync(join(dir, '.env.production'), prodText);
  chmodSync(join(dir, '.env.production'), 0o600);
  const metaText = readFileSync(join(dir, '.build-meta.env'), 'utf8').split('0000000').join(o.version);
  writeFileSync(join(dir, '.build-meta.env'), metaText);
  if (o.metaMode !== undefined) chmodSync(join(dir, '.build-meta.env'), o.metaMode);

  o.build(p);
  const net = docker(['network', 'create', o.edge]);
  assert.equal(net.status, 0, net.stderr);
  // the stack as the user starts it, without reprise
  const up = plainCompose(p, [...prodLikeComposeArgs(o.name), 'up', '-d'], 'v2');
  assert.equal(up.status, 0, `plain compose up -d: ${up.stderr}`);
  // healthchecks every 30 s with a 30 s start period: db, then api, frontend, bot healthy
  const problem = await waitStackOn(p, o.version, 240_000);
  assert.equal(problem, null, `the stack runs ${o.version}, healthy: ${problem}`);
  return { p, prodText, metaText };
}

export function removeProdLike(p: Project | undefined, composeArgs: string[], edgeNetwork: string): void {
  if (p) {
    plainCompose(p, [...composeArgs, 'down', '-v', '--remove-orphans', '--timeout', '2'], 'v2');
    removeRemains(p);
  }
  docker(['network', 'rm', edgeNetwork]);
}
