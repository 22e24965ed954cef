// The CI recipe (issue 21 item 7): examples/ci/deploy.yml is never run, only linted here. `lint` returns
// every problem found; the real file must have none, and each rule is shown to catch a broken copy of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseDocument } from 'yaml';
import { parseImageTemplate } from '../../src/domain/interpolate';

const ROOT = resolve(__dirname, '..', '..', '..');
const WORKFLOW = resolve(ROOT, 'examples', 'ci', 'deploy.yml');
const README = resolve(ROOT, 'examples', 'ci', 'README.md');
const DEMO_COMPOSE = resolve(ROOT, 'examples', 'recyclic', 'docker-compose.yml');
const SHA_OUTPUT = '${{ steps.meta.outputs.sha }}';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const steps = (job: Obj): Obj[] => list(job.steps).map(obj);
const uses = (step: Obj, action: string): boolean => str(step.uses).startsWith(`${action}@`);

/** Every string anywhere under a value (keys included), to search a step for a forbidden setting. */
function strings(v: unknown): string[] {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (isObj(v)) return Object.entries(v).flatMap(([k, x]) => [k, ...strings(x)]);
  return [];
}

/** The demo stack's versioned services (image tag from a variable), as reprise reads them: service → repository. */
function versionedServices(): Record<string, string> {
  const doc = parseDocument(readFileSync(DEMO_COMPOSE, 'utf8'));
  assert.deepEqual(doc.errors, []);
  const out: Record<string, string> = {};
  for (const [name, s] of Object.entries(obj(obj(doc.toJS()).services))) {
    const t = parseImageTemplate(str(obj(s).image));
    if (t) out[name] = t.repository;
  }
  return out;
}

function lint(text: string, readme: string): string[] {
  const problems: string[] = [];
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  for (const e of doc.errors) problems.push(`yaml error: ${e.message}`);
  for (const w of doc.warnings) problems.push(`yaml warning: ${w.message}`);
  if (doc.errors.length) return problems;
  const wf = obj(doc.toJS());

  const on = obj(wf.on);
  if (!list(obj(on.push).branches).includes('main')) problems.push('on: not on push to main');
  if (!('workflow_dispatch' in on)) problems.push('on: no workflow_dispatch');

  const jobs = obj(wf.jobs);
  if (!isObj(jobs.build)) problems.push('jobs: no build job');
  if (!isObj(jobs.deploy)) problems.push('jobs: no deploy job');
  const build = obj(jobs.build);
  const deploy = obj(jobs.deploy);

  // build: the short SHA, the registry login, one pushed image per versioned service, tagged with the SHA
  if (obj(build.permissions).packages !== 'write') problems.push('build: no packages: write permission');
  const meta = steps(build).find((s) => s.id === 'meta');
  if (!/git rev-parse --short=7 HEAD/.test(str(meta?.run)) || !/sha=.*>> "\$GITHUB_OUTPUT"/.test(str(meta?.run))) {
    problems.push('build: the meta step does not output git rev-parse --short=7 HEAD as sha');
  }
  if (obj(build.outputs).sha !== SHA_OUTPUT) problems.push('build: the job does not output the sha');
  const login = steps(build).find((s) => uses(s, 'docker/login-action'));
  if (obj(login?.with).registry !== 'ghcr.io' || obj(login?.with).password !== '${{ secrets.GITHUB_TOKEN }}') {
    problems.push('build: no docker/login-action to ghcr.io with GITHUB_TOKEN');
  }
  const push = steps(build).filter((s) => uses(s, 'docker/build-push-action') && obj(s.with).push === true);
  const tags = push.flatMap((s) => str(obj(s.with).tags).split(/[\n,]/).map((t) => t.trim()).filter(Boolean));
  if (!tags.length) problems.push('build: no docker/build-push-action step pushes');
  for (const t of tags) {
    if (!t.startsWith('ghcr.io/') || !t.endsWith(`/\${{ matrix.repository }}:${SHA_OUTPUT}`)) problems.push(`build: tag ${t} is not ghcr.io/…/<repository>:<sha>`);
  }
  const matrix = list(obj(obj(build.strategy).matrix).include).map(obj);
  const built = Object.fromEntries(matrix.map((m) => [str(m.service), str(m.repository)]));
  const wanted = versionedServices();
  const sorted = (r: Record<string, string>): string => JSON.stringify(Object.entries(r).sort(([a], [b]) => a.localeCompare(b)));
  if (sorted(built) !== sorted(wanted) || matrix.length !== Object.keys(wanted).length) {
    problems.push(`build: the matrix builds ${sorted(built)}, not the versioned services ${sorted(wanted)}`);
  }

  // deploy: after build, in production, the validated SHA as the positional version of `reprise deploy --pull`
  if (!list(deploy.needs).includes('build')) problems.push('deploy: does not need build');
  if (deploy.environment !== 'production') problems.push('deploy: not in the production environment');
  const remote = steps(deploy).find((s) => /reprise deploy /.test(str(s.run)));
  const script = str(remote?.run);
  const call = /reprise deploy (\S+)( .*)?$/m.exec(script);
  if (!call) problems.push('deploy: no step runs reprise deploy');
  else {
    if (call[1] !== '$VERSION') problems.push(`deploy: the version argument is ${call[1]}, not $VERSION`);
    if (!/(^| )--pull( |$)/.test(call[2] ?? '')) problems.push('deploy: reprise deploy without --pull');
    if (!/--message /.test(call[2] ?? '')) problems.push('deploy: reprise deploy without --message');
    const check = script.indexOf('[[ "$VERSION" =~ ^[0-9a-f]{7}$ ]]');
    if (check < 0 || check > call.index) problems.push('deploy: $VERSION is not checked against ^[0-9a-f]{7}$ before it is used');
    if (obj(remote?.env).VERSION !== '${{ needs.build.outputs.sha }}') problems.push('deploy: VERSION is not the build job\'s sha');
    if (!/^\s*ssh /m.test(script)) problems.push('deploy: reprise deploy does not run over ssh');
  }

  // no injection: no expression inside a run: script, above all none of github.event
  for (const [name, job] of Object.entries(jobs)) {
    for (const [i, s] of steps(obj(job)).entries()) {
      const run = str(s.run);
      if (run.includes('${{ github.event')) problems.push(`${name}.steps[${i}]: github.event interpolated into run:`);
      else if (run.includes('${{')) problems.push(`${name}.steps[${i}]: an expression interpolated into run: (use env:)`);
    }
  }

  // the server's host key is always checked, from the DEPLOY_KNOWN_HOSTS secret: no setting anywhere in the
  // workflow (a step's ssh options, an env: such as GIT_SSH_COMMAND) turns the check off
  const everything = strings(wf).join('\n');
  if (/StrictHostKeyChecking\W*(no|off|false|accept-new)\b/i.test(everything)) problems.push('ssh: host key checking disabled');
  if (/UserKnownHostsFile\W*\/dev\/null/i.test(everything)) problems.push('ssh: known_hosts thrown away');
  for (const [name, job] of Object.entries(jobs)) {
    for (const [i, s] of steps(obj(job)).entries()) {
      if (/ssh-keyscan/.test(str(s.run))) problems.push(`${name}.steps[${i}]: host key fetched at run time (ssh-keyscan)`);
    }
  }
  if (!steps(deploy).some((s) => obj(s.env).DEPLOY_KNOWN_HOSTS === '${{ secrets.DEPLOY_KNOWN_HOSTS }}' && /> "\$HOME\/\.ssh\/known_hosts"/.test(str(s.run)))) {
    problems.push('deploy: known_hosts is not written from the DEPLOY_KNOWN_HOSTS secret');
  }

  // every secret the workflow reads is documented in examples/ci/README.md
  for (const [, name] of text.matchAll(/\$\{\{\s*secrets\.([A-Za-z0-9_]+)\s*\}\}/g)) {
    if (name !== 'GITHUB_TOKEN' && !readme.includes(`\`${name}\``)) problems.push(`README: secret ${name} not documented`);
  }
  return problems;
}

const text = readFileSync(WORKFLOW, 'utf8');
const readme = readFileSync(README, 'utf8');

test('ci recipe: examples/ci/deploy.yml passes every rule', () => {
  assert.deepEqual(lint(text, readme), []);
});

test('ci recipe: the matrix builds exactly the demo stack\'s versioned services', () => {
  assert.deepEqual(versionedServices(), {
    'api-migrations': 'recyclic-api-migrations',
    api: 'recyclic-api',
    bot: 'recyclic-bot',
    frontend: 'recyclic-frontend',
  });
});

// Each rule catches a broken copy of the real file (the replacement must apply, or the case proves nothing).
const broken: [string, (t: string) => string, RegExp][] = [
  ['a duplicate key', (t) => t.replace('    runs-on: ubuntu-latest\n', '    runs-on: ubuntu-latest\n    runs-on: ubuntu-22.04\n'), /^yaml error: .*unique/],
  ['a warning (unknown tag)', (t) => t.replace('name: deploy\n', 'name: !custom deploy\n'), /^yaml warning: /],
  ['not on push to main', (t) => t.replace('    branches: [main]\n', '    branches: [develop]\n'), /^on: not on push to main$/],
  ['no packages: write', (t) => t.replace('      packages: write  #', '      packages: read  #'), /^build: no packages: write permission$/],
  ['no sha output', (t) => t.replace(`      sha: ${SHA_OUTPUT}\n`, '      sha: ${{ github.sha }}\n'), /^build: the job does not output the sha$/],
  ['deploy outside production', (t) => t.replace('    environment: production\n', '    environment: staging\n'), /^deploy: not in the production environment$/],
  ['another version argument', (t) => t.replace('reprise deploy $VERSION ', 'reprise deploy $1 '), /^deploy: the version argument is \$1, not \$VERSION$/],
  ['deploy without --message', (t) => t.replace(" --message 'CI run $RUN_ID'", ''), /^deploy: reprise deploy without --message$/],
  ['VERSION not from build', (t) => t.replace(/(reprise deploy on the server\n {8}env:\n {10}VERSION: )\$\{\{ needs\.build\.outputs\.sha \}\}/, '$1${{ github.sha }}'), /^deploy: VERSION is not the build job's sha$/],
  ['deploy not over ssh', (t) => t.replace('          ssh -i ', '          sh -c "$remote" -i '), /^deploy: reprise deploy does not run over ssh$/],
  ['known_hosts not from the secret', (t) => t.replace('DEPLOY_KNOWN_HOSTS: ${{ secrets.DEPLOY_KNOWN_HOSTS }}', 'DEPLOY_KNOWN_HOSTS: ${{ vars.KNOWN_HOSTS }}'), /^deploy: known_hosts is not written from the DEPLOY_KNOWN_HOSTS secret$/],
  ['no workflow_dispatch', (t) => t.replace('  workflow_dispatch:\n', ''), /^on: no workflow_dispatch$/],
  ['no build job', (t) => t.replace('  build:\n', '  compile:\n'), /^jobs: no build job$/],
  ['no deploy job', (t) => t.replace('  deploy:\n', '  ship:\n'), /^jobs: no deploy job$/],
  ['deploy does not need build', (t) => t.replace('    needs: build\n', '    needs: []\n'), /^deploy: does not need build$/],
  ['no short SHA', (t) => t.replace('git rev-parse --short=7 HEAD', 'git rev-parse HEAD'), /^build: the meta step/],
  ['a tag without the SHA', (t) => t.replace(`\${{ matrix.repository }}:${SHA_OUTPUT}\n`, '${{ matrix.repository }}:latest\n'), /^build: tag .* is not/],
  ['nothing pushed', (t) => t.replace('          push: true\n', '          push: false\n'), /^build: no docker\/build-push-action step pushes$/],
  ['a versioned service not built', (t) => t.replace(/ {10}- service: bot\n(?: {12}.*\n)+/, ''), /^build: the matrix builds/],
  ['no login to GHCR', (t) => t.replace('          registry: ghcr.io\n', '          registry: docker.io\n'), /^build: no docker\/login-action/],
  ['deploy without --pull', (t) => t.replace('reprise deploy $VERSION --pull ', 'reprise deploy $VERSION '), /^deploy: reprise deploy without --pull$/],
  ['the version not checked', (t) => t.replace('          [[ "$VERSION" =~ ^[0-9a-f]{7}$ ]] || { echo "::error::invalid version \'$VERSION\'"; exit 2; }\n', ''), /^deploy: \$VERSION is not checked/],
  ['github.event in run:', (t) => t.replace('          remote="cd', '          echo "${{ github.event.head_commit.message }}"\n          remote="cd'), /github\.event interpolated into run:$/],
  ['an expression in run:', (t) => t.replace("--message 'CI run $RUN_ID'", "--message 'CI run ${{ github.run_id }}'"), /an expression interpolated into run:/],
  ['StrictHostKeyChecking=no', (t) => t.replace('StrictHostKeyChecking=yes', 'StrictHostKeyChecking=no'), /host key checking disabled$/],
  ['host key checking off in a job env:', (t) => t.replace('    environment: production\n', '    environment: production\n    env:\n      GIT_SSH_COMMAND: ssh -o StrictHostKeyChecking=accept-new\n'), /host key checking disabled$/],
  ['known_hosts to /dev/null', (t) => t.replace('-o UserKnownHostsFile="$HOME/.ssh/known_hosts"', '-o UserKnownHostsFile=/dev/null'), /known_hosts thrown away$/],
  ['known_hosts from ssh-keyscan', (t) => t.replace('printf \'%s\\n\' "$DEPLOY_KNOWN_HOSTS" > "$HOME/.ssh/known_hosts"', 'ssh-keyscan "$DEPLOY_HOST" > "$HOME/.ssh/known_hosts"'), /ssh-keyscan/],
];

for (const [what, breakIt, expected] of broken) {
  test(`ci recipe: the lint catches ${what}`, () => {
    const bad = breakIt(text);
    assert.notEqual(bad, text, 'the replacement applies to the real file');
    const problems = lint(bad, readme);
    assert.ok(problems.some((p) => expected.test(p)), `expected ${expected} among ${JSON.stringify(problems)}`);
  });
}

test('ci recipe: the lint catches a secret missing from the README', () => {
  const problems = lint(text, readme.replace('`DEPLOY_KNOWN_HOSTS`', 'DEPLOY_KNOWN_HOSTS'));
  assert.deepEqual(problems, ['README: secret DEPLOY_KNOWN_HOSTS not documented']);
});
