// The dashboard in a real browser (Debian's Chromium driven by playwright-core) on a real stack:
// the page after deploy A, deploy B, rollback; /metrics against the history; the token rules; the rollback button.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import {
  buildImages,
  cleanupAll,
  cleanupProject,
  deployOk,
  expectCode,
  makeProject,
  newVersion,
  portAllocator,
  readMetrics,
  REPO,
  reprisBackground,
  reprise,
  rollbackOk,
  sleep,
  versionedImages,
  expectedImages,
  type Background,
  type Project,
} from '../integration/harness';

const ports = portAllocator(19);
after(() => cleanupAll());

/** screenshots a person can look at after the run */
const SHOTS = join(REPO, 'test-results');
const TOKEN = 'tok-e2e-7f3a9c1d5b2e8f40a6';

interface Running {
  bg: Background;
  url: string;
}

/** Starts `reprise dashboard --port 0 --json` and waits for the URL it prints. */
async function startDashboard(p: Project, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Running> {
  const bg = reprisBackground(p, ['dashboard', '--port', '0', '--json', ...args], env);
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const line = bg.stdout().trim();
    if (line.endsWith('}')) {
      const doc = JSON.parse(line) as { ok: boolean; url: string };
      return { bg, url: doc.url.replace('0.0.0.0', '127.0.0.1') };
    }
    if (bg.child.exitCode !== null) break;
    await sleep(50);
  }
  bg.child.kill('SIGKILL');
  throw new Error(`the dashboard did not start:\n${bg.stderr()}`);
}

async function stop(d: Running | undefined): Promise<void> {
  if (!d) return;
  d.bg.child.kill('SIGTERM');
  const { code } = await d.bg.exited;
  assert.equal(code, 0, `the dashboard exits 0 on SIGTERM:\n${d.bg.stderr()}`);
}

async function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; type: string }> {
  const r = await fetch(url, { headers, signal: AbortSignal.timeout(20_000) });
  return { status: r.status, body: await r.text(), type: r.headers.get('content-type') ?? '' };
}

function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

async function openPage(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
  // nothing may be fetched from anywhere but the dashboard itself
  page.on('request', (req) => {
    const u = new URL(req.url());
    if (u.host !== new URL(url).host && u.protocol !== 'data:') throw new Error(`the page fetched ${req.url()}`);
  });
  return page;
}

describe('dashboard', () => {
  let p: Project;
  let browser: Browser;
  const A = newVersion('a');
  const B = newVersion('b');
  const seen: string[] = [];

  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    p = makeProject({ label: 'dashboard', ports: ports(0) });
    buildImages(p, [A, B]);
    deployOk(p, A);
    deployOk(p, B);
    rollbackOk(p);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    if (p) cleanupProject(p);
  });

  test('after deploy A, deploy B and rollback, the page shows A, three releases, charts and the DORA figures', async () => {
    const d = await startDashboard(p, []);
    try {
      assert.match(d.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await openPage(browser, d.url);
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.url()));
      await page.goto(d.url);
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      seen.push(await page.content());
      assert.equal((await page.textContent('.card .current-version'))?.trim(), A, 'current version is A');
      const rows = page.locator('#history tbody tr');
      assert.equal(await rows.count(), 3, 'three releases in the history');
      assert.deepEqual(await rows.evaluateAll((trs) => trs.map((tr) => `${tr.getAttribute('data-trigger')}:${tr.getAttribute('data-outcome')}`)), ['manual:success', 'manual:success', 'manual:success']);
      assert.match((await rows.first().textContent()) ?? '', new RegExp(`${B} → ${A}`), 'the newest release is the rollback B → A');
      // every versioned service shows A, healthy, with a measured latency
      for (const svc of ['api', 'frontend', 'bot']) {
        const tr = page.locator(`.card tr[data-service="${svc}"]`);
        assert.match((await tr.textContent()) ?? '', new RegExp(`${svc}${A}running`), `${svc} runs ${A}`);
      }
      assert.match((await page.textContent('.card tr[data-service="api"]')) ?? '', /\d+ ms/, 'api shows a probe latency');
      // the charts are drawn with one point per release (durations), one per rollback, and latency points
      assert.equal(await page.locator('#chart-durations svg circle').count(), 3);
      assert.equal(await page.locator('#chart-rollbacks svg circle').count(), 1);
      assert.equal(await page.locator('#chart-rollbacks svg rect.band').count(), 1, 'the 2–5 minute goal is drawn');
      assert.ok((await page.locator('#chart-latency svg circle').count()) >= 3, 'latency baselines after each successful release');
      // DORA: two deploys, one rolled back away from → 50 %, one restore, 2 deploys in 30 days
      assert.equal((await page.textContent('#dora-change-failure-rate .value'))?.trim(), '50 %');
      assert.match((await page.textContent('#dora-change-failure-rate .sub')) ?? '', /1 of 2 changes/);
      assert.equal((await page.textContent('#dora-deploy-frequency .value'))?.trim(), '0.47');
      assert.match((await page.textContent('#dora-time-to-restore .sub')) ?? '', /^1 restores/);
      assert.match((await page.textContent('#dora-time-to-restore .value')) ?? '', /\d/);
      assert.match((await page.textContent('#dora-rollback-median .value')) ?? '', /\d/);
      // the rollback's incident report opens from the history
      const href = await rows.first().locator('a').getAttribute('href');
      assert.ok(href, 'the rollback links its incident report');
      const report = await get(new URL(href, d.url).toString());
      assert.equal(report.status, 200);
      assert.match(report.body, new RegExp(`${B}`), 'the report names the version rolled back from');
      seen.push(report.body);
      // read-only: no rollback button
      assert.equal(await page.locator('button.rollback').count(), 0, 'no rollback button without a token');
      await page.screenshot({ path: join(SHOTS, 'dashboard-en.png'), fullPage: true });
      for (const r of requests) assert.ok(r.startsWith(d.url), `only the dashboard is asked: ${r}`);
      // French
      await page.goto(`${d.url}?lang=fr`);
      await page.waitForSelector('body[data-ready="true"]');
      assert.match((await page.textContent('#dora-title')) ?? '', /Indicateurs de livraison/);
      assert.match((await page.locator('#history tbody tr').first().textContent()) ?? '', /manuel.*réussi/);
      assert.equal(await page.getAttribute('html', 'lang'), 'fr');
      await page.screenshot({ path: join(SHOTS, 'dashboard-fr.png'), fullPage: true });
      await page.close();
    } finally {
      await stop(d);
    }
  });

  test('the API answers the CLI --json shapes, /metrics parses and its counters match the history', async () => {
    const d = await startDashboard(p, []);
    try {
      const cli = expectCode(reprise(p, ['history', '--json', '--limit', '20']), 0, 'history').json;
      const api = JSON.parse((await get(`${d.url}api/history?limit=20`)).body);
      assert.deepEqual(api.releases, cli.releases, 'same releases as `reprise history --json`');
      const st = JSON.parse((await get(`${d.url}api/status`)).body);
      assert.equal(st.version, A);
      assert.deepEqual(Object.keys(st).sort(), Object.keys(expectCode(reprise(p, ['status', '--json']), 0, 'status').json).sort());
      const v = JSON.parse((await get(`${d.url}api/versions`)).body);
      assert.equal(v.current, A);
      for (const path of ['api/history', 'api/status', 'api/versions', 'api/insights', 'api/lock', '']) seen.push((await get(`${d.url}${path}`)).body);

      const m = await get(`${d.url}metrics`);
      assert.equal(m.status, 200);
      assert.match(m.type, /^text\/plain; version=0\.0\.4/);
      seen.push(m.body);
      const families = parsePrometheusTextFormat(m.body);
      const family = (name: string) => families.find((f) => f.name === name);
      const releases = family('reprise_releases_total');
      assert.ok(releases, 'reprise_releases_total is exposed');
      const count = (kind: string, outcome: string): number =>
        releases.metrics.filter((x) => x.labels?.kind === kind && x.labels?.outcome === outcome && x.labels?.project === p.name).reduce((n, x) => n + Number(x.value), 0);
      const fromHistory = (kind: string, outcome: string): number => cli.releases.filter((r: { kind: string; outcome: string }) => r.kind === kind && r.outcome === outcome).length;
      assert.equal(count('deploy', 'success'), fromHistory('deploy', 'success'));
      assert.equal(count('deploy', 'success'), 2);
      assert.equal(count('rollback', 'success'), 1);
      const rollbacks = family('reprise_rollbacks_total');
      assert.equal(rollbacks?.metrics.reduce((n, x) => n + Number(x.value), 0), 1);
      const durations = family('reprise_release_duration_seconds');
      assert.equal(durations?.type, 'HISTOGRAM');
      // (this parser folds labelled histograms into one sample: the _count lines are read as they are)
      const observed = [...m.body.matchAll(/^reprise_release_duration_seconds_count\{[^}]*project="([^"]+)"[^}]*\} (\d+)$/gm)].filter((x) => x[1] === p.name).reduce((n, x) => n + Number(x[2]), 0);
      assert.equal(observed, 3, 'three durations observed');
      const current = family('reprise_current_version_info');
      assert.deepEqual(current?.metrics.map((x) => x.labels?.version), [A]);
      const perService = family('reprise_version_info');
      assert.equal(perService?.metrics.find((x) => x.labels?.service === 'api')?.labels?.version, A);
      assert.ok(family('reprise_probe_latency_seconds')?.metrics.some((x) => x.labels?.service === 'api' && Number(x.value) > 0));
      assert.equal(family('reprise_change_failure_ratio')?.metrics[0]?.value, '0.5');
    } finally {
      await stop(d);
    }
  });

  test('bad flags are refused before anything listens: another host without a token, a short token, a bad port', () => {
    const noToken = expectCode(reprise(p, ['dashboard', '--host', '0.0.0.0', '--port', '0']), 2, 'dashboard --host 0.0.0.0 without a token');
    assert.match(noToken.stderr, /^USAGE: --host 0\.0\.0\.0 makes the dashboard reachable from other machines: it needs REPRISE_DASHBOARD_TOKEN\n/);
    const fr = expectCode(reprise(p, ['dashboard', '--host', '0.0.0.0', '--lang', 'fr', '--json']), 2, 'same, French, JSON');
    assert.equal(fr.json.error.code, 'USAGE');
    assert.match(fr.json.error.message, /il faut REPRISE_DASHBOARD_TOKEN/);
    const short = expectCode(reprise(p, ['dashboard', '--port', '0'], { env: { REPRISE_DASHBOARD_TOKEN: 'short' } }), 2, 'short token');
    assert.match(short.stderr, /too short \(5 characters/);
    assert.ok(!short.stderr.includes('short\n') || !/=short/.test(short.stderr));
    expectCode(reprise(p, ['dashboard', '--port', '70000']), 2, 'port out of range');
    expectCode(reprise(p, ['dashboard', '--host', 'a;b', '--port', '0']), 2, 'host with a shell metacharacter');
  });

  test('with a token: 401 without it, the login form, and the rollback button rolls back (trigger dashboard)', async () => {
    const d = await startDashboard(p, ['--host', '0.0.0.0'], { REPRISE_DASHBOARD_TOKEN: TOKEN });
    try {
      for (const path of ['api/status', 'api/history', 'metrics', '']) {
        assert.equal((await get(`${d.url}${path}`)).status, 401, `/${path} without the token`);
        assert.equal((await get(`${d.url}${path}`, { Authorization: 'Bearer wrong-token-0123456789' })).status, 401, `/${path} with a wrong token`);
        assert.equal((await get(`${d.url}${path}`, { Authorization: `Bearer ${TOKEN}` })).status, 200, `/${path} with the token`);
      }
      const refused = await fetch(`${d.url}api/rollback`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(10_000) });
      assert.equal(refused.status, 401, 'no rollback without the token');

      const page = await openPage(browser, d.url);
      page.on('response', (r) => void r.text().then((t) => seen.push(t), () => undefined));
      await page.goto(d.url);
      await page.fill('#token', 'not-the-token-at-all');
      await page.click('button[type=submit]');
      assert.match((await page.textContent('.error')) ?? '', /Wrong token/);
      await page.fill('#token', TOKEN);
      await page.click('button[type=submit]');
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      const cookies = await page.context().cookies();
      assert.ok(cookies.every((c) => !c.value.includes(TOKEN)), 'the session cookie is not the token');
      await page.click('button.rollback');
      await page.waitForSelector('#rollback-panel:not([hidden]) #rollback-confirm');
      const options = await page.locator('#rollback-version option').allTextContents();
      assert.ok(options.includes(B) && !options.includes(A), `B is offered, the current A is not: ${options.join(' ')}`);
      await page.selectOption('#rollback-version', B);
      await page.screenshot({ path: join(SHOTS, 'dashboard-rollback-confirm.png'), fullPage: true });
      // nothing happens before the confirmation
      assert.equal((JSON.parse((await get(`${d.url}api/history?limit=10`, { Authorization: `Bearer ${TOKEN}` })).body) as { releases: unknown[] }).releases.length, 3);
      await page.fill('#rollback-reason', 'checking the dashboard');
      await page.click('#rollback-confirm');
      await page.locator('#message', { hasText: `Rolled back to ${B}` }).waitFor({ timeout: 180_000 });
      await page.locator('#history tbody tr').nth(3).waitFor({ timeout: 30_000 });
      assert.equal(await page.getAttribute('#history tbody tr:first-child', 'data-trigger'), 'dashboard');
      await page.screenshot({ path: join(SHOTS, 'dashboard-after-rollback.png'), fullPage: true });
      await page.close();
    } finally {
      await stop(d);
    }
    // what the user observes outside the page: the stack runs B, the history and the metrics file say so
    assert.deepEqual(versionedImages(p), expectedImages(B));
    const h = expectCode(reprise(p, ['history', '--json']), 0, 'history').json;
    assert.equal(h.releases[0].trigger, 'dashboard');
    assert.equal(h.releases[0].kind, 'rollback');
    assert.equal(h.releases[0].version, B);
    assert.equal(h.releases[0].message, 'checking the dashboard');
    const last = readMetrics(p).at(-1)!;
    assert.equal(last.event, 'rollback_success');
    assert.equal(last.trigger, 'manual');
    assert.equal(last.source, 'dashboard');
    assert.equal(last.version, B);
  });

  test('an open incident shows with its level, age and deadlines; a logged-in user acknowledges it (issue 23)', async () => {
    const X = newVersion('x');
    buildImages(p, [X], ['--broken', 'exit']);
    const running = versionedImages(p);
    expectCode(reprise(p, ['deploy', X, '--yes', '--json']), 3, 'a broken deploy');
    const opened = expectCode(reprise(p, ['incident', 'list', '--json']), 0, 'incident list').json.incidents[0];
    assert.deepEqual({ state: opened.state, kind: opened.kind, version: opened.version }, { state: 'open', kind: 'deploy_failed', version: X });
    const d = await startDashboard(p, [], { REPRISE_DASHBOARD_TOKEN: TOKEN });
    try {
      const page = await openPage(browser, d.url);
      page.on('response', (r) => void r.text().then((t) => seen.push(t), () => undefined));
      await page.goto(d.url);
      await page.fill('#token', TOKEN);
      await page.click('button[type=submit]');
      await page.waitForSelector('body[data-ready="true"]', { timeout: 30_000 });
      const row = page.locator(`#incidents tr[data-incident="${opened.id}"]`);
      assert.equal(await row.getAttribute('data-state'), 'open');
      assert.equal((await row.locator('td.level').textContent())?.trim(), String(opened.level));
      const text = (await row.textContent()) ?? '';
      assert.match(text, /\(\d+ min ago\)/, `the age: ${text}`);
      assert.match(text, /analysis by .*post-mortem by /, `the deadlines: ${text}`);
      assert.ok(text.includes(`${opened.from_version} → ${X}`), text);
      assert.equal(await page.locator('#no-incident').isHidden(), true);
      await page.screenshot({ path: join(SHOTS, 'dashboard-incident-open.png'), fullPage: true });
      await row.locator('button.ack').click();
      await page.locator(`#incidents tr[data-incident="${opened.id}"][data-state="acknowledged"]`).waitFor({ timeout: 30_000 });
      assert.equal(await page.locator(`#incidents tr[data-incident="${opened.id}"] button.ack`).count(), 0, 'no button once acknowledged');
      await page.close();
    } finally {
      await stop(d);
    }
    const shown = expectCode(reprise(p, ['incident', 'show', String(opened.id), '--json']), 0, 'incident show').json.incident;
    assert.equal(shown.state, 'acknowledged');
    assert.match(shown.acknowledged_by, /\(dashboard, 127\.0\.0\.1\)$/);
    const events = expectCode(reprise(p, ['history', '--json']), 0, 'history').json.events as Array<{ type: string; details: { incident?: number } }>;
    assert.ok(events.some((e) => e.type === 'incident_acknowledged' && e.details.incident === opened.id), 'the acknowledgement is in the history');
    assert.deepEqual(versionedImages(p), running, 'the failed deploy was rolled back; acknowledging changed nothing');
  });

  test('no secret of the project ever reaches the page, the API or /metrics', () => {
    assert.ok(seen.length > 10, 'pages and answers were collected');
    for (const text of seen) {
      for (const [k, v] of Object.entries(p.secrets)) assert.ok(!text.includes(v), `the value of ${k} was sent to the browser`);
      assert.ok(!text.includes(TOKEN), 'the dashboard token was sent to the browser');
    }
    assert.ok(readFileSync(join(SHOTS, 'dashboard-en.png')).length > 10_000, 'a screenshot was saved');
  });
});
