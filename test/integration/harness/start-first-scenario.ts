// The start-first rollback under load: 50 requests/s on the public api and frontend ports (the demo's nginx
// in front of them) while `rollback --yes` runs; not one may fail. Run for compose v1 and v2 on the default
// engine (17-zero-downtime) and for compose 2.40 on the current engine (25-current-engine).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startLoad, type LoadReport } from '../../../bench/load';
import { containers, expectedImages, infraIds, stackProblem, versionedImages } from './observe';
import type { ComposeFlavour } from './paths';
import type { Project } from './project';
import { reprisBackground } from './run';
import { stackOnTwoVersions } from './stack';

export /** Runs reprise in the background while 50 requests/s go to the public api and frontend ports. */
async function underLoad(p: Project, args: string[]): Promise<{ code: number | null; stderr: string; stdout: string; load: LoadReport }> {
  const urls = [`http://127.0.0.1:${p.ports.api}/`, `http://127.0.0.1:${p.ports.frontend}/`];
  const load = startLoad(urls, 50, { timeoutMs: 5000, maxRequests: 5000 });
  await new Promise((r) => setTimeout(r, 500));
  const bg = reprisBackground(p, args);
  const { code } = await bg.exited;
  // keep going until at least 200 requests were spread over the operation (and a little after it)
  const minEnd = Date.now() + 500;
  while (Date.now() < minEnd || load.samples.length < 220) await new Promise((r) => setTimeout(r, 50));
  const report = await load.stop();
  return { code, stderr: bg.stderr(), stdout: bg.stdout(), load: report };
}

export function running(p: Project, service: string): Array<{ id: string; image: string }> {
  return containers(p)
    .filter((c) => c.service === service && c.state === 'running')
    .map((c) => ({ id: c.id, image: c.image }));
}

export function proxyId(p: Project): string {
  const px = running(p, 'proxy');
  assert.equal(px.length, 1, 'one proxy container runs');
  return px[0].id;
}

export function startFirstUnderLoad(row: { flavour: ComposeFlavour; ports: Project['ports']; skip: string | false; label?: string }): void {
  describe(`start-first rollback under load — ${row.label ?? `compose ${row.flavour}`}`, { skip: row.skip }, () => {
    const { p, A } = stackOnTwoVersions({ label: `zd${row.flavour}`, ports: row.ports, compose: row.flavour, deploy: ['A', 'B'] });

    test('200+ requests spread over `rollback --yes` all succeed; old containers drained and removed, proxy and infrastructure untouched', async () => {
      const infra = infraIds(p);
      const proxy = proxyId(p);
      const oldApi = running(p, 'api');
      assert.equal(oldApi.length, 1);
      const r = await underLoad(p, ['rollback', '--yes']);
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.load.requests >= 200, `only ${r.load.requests} requests`);
      assert.equal(r.load.failed, 0, `failed requests during a start-first rollback: ${r.load.errors.join('; ')}\n${r.stderr}`);
      assert.match(r.stderr, /api: starting .* beside the running container \(start-first\)/);
      assert.match(r.stderr, /bot: starting/, 'bot (fixed host port) is recreated');
      // what runs: A everywhere, one container per service, the old api gone, the proxy the same container
      assert.deepEqual(versionedImages(p), expectedImages(A));
      assert.equal(stackProblem(p, A), null);
      const api = running(p, 'api');
      assert.equal(api.length, 1, 'exactly one api container after the switch');
      assert.notEqual(api[0].id, oldApi[0].id, 'the api container was replaced');
      assert.equal(running(p, 'frontend').length, 1);
      assert.equal(containers(p).filter((c) => c.id === oldApi[0].id).length, 0, 'the old api container was removed');
      assert.equal(proxyId(p), proxy, 'the proxy was not recreated');
      assert.deepEqual(infraIds(p), infra, 'db and cache untouched');
      // the public URL answers the version now running
      const health = (await (await fetch(`http://127.0.0.1:${p.ports.api}/health`)).json()) as { version: string };
      assert.equal(health.version, A);
    });
  });
}

