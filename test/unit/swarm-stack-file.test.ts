// Pure parts of what `docker stack deploy` is given (engine: swarm): the compose files made acceptable to
// the CLI's stack loader (version, depends_on, restart, name), the override file that pins every service,
// the merge of deploy keys across files, and YAML that a YAML 1.1 reader takes back as written.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  MIN_STACK_VERSION,
  fileDeployKey,
  mergedConfig,
  overrideDoc,
  parseForStack,
  updateConfigs,
  renderStackYaml,
  restartPolicyOf,
  stackVersion,
  toStackDoc,
} from '../../src/engines/swarm/stack-file';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = require('yaml') as typeof import('yaml');

type Raw = Record<string, unknown>;

test('stackVersion: 3.8 when no file declares one, else the highest declared (numerically), never below 3.8', () => {
  assert.equal(MIN_STACK_VERSION, '3.8');
  assert.equal(stackVersion([]), '3.8');
  assert.equal(stackVersion([{ services: {} }, {}]), '3.8');
  assert.equal(stackVersion([{ version: '3.8' }, { version: '3.9' }]), '3.9');
  assert.equal(stackVersion([{ version: '3.9' }, { version: '3.8' }]), '3.9', 'the order of the files does not matter');
  assert.equal(stackVersion([{ version: '3.9' }, { version: '3.10' }]), '3.10', '3.10 is higher than 3.9');
  assert.equal(stackVersion([{ version: '3.10' }, { version: '3.9' }]), '3.10');
  assert.equal(stackVersion([{ version: '3.3' }]), '3.8', 'a lower declared version still gets 3.8');
  assert.equal(stackVersion([{ version: '2.4' }, { version: '3' }]), '3.8');
  assert.equal(stackVersion([{ version: 3.9 }]), '3.9', 'a version parsed as a number');
  assert.equal(stackVersion([{ version: ' 3.9 ' }]), '3.9', 'trimmed');
  assert.equal(stackVersion([{ version: 'latest' }, { version: '3.9' }]), '3.9', 'an unreadable version is ignored');
});

test('restartPolicyOf: compose restart values become Swarm restart policies', () => {
  assert.deepEqual(restartPolicyOf('no'), { condition: 'none' });
  assert.deepEqual(restartPolicyOf(false), { condition: 'none' }, 'restart: no read as a YAML 1.1 boolean');
  assert.deepEqual(restartPolicyOf(' no '), { condition: 'none' });
  assert.deepEqual(restartPolicyOf('always'), { condition: 'any' });
  assert.deepEqual(restartPolicyOf('unless-stopped'), { condition: 'any' });
  assert.deepEqual(restartPolicyOf('on-failure'), { condition: 'on-failure' });
  assert.deepEqual(restartPolicyOf('on-failure:3'), { condition: 'on-failure', max_attempts: 3 });
  assert.equal(restartPolicyOf('sometimes'), null);
  assert.equal(restartPolicyOf('on-failure:x'), null);
  assert.equal(restartPolicyOf('${RESTART:-no}'), null);
  assert.equal(restartPolicyOf(true), null);
  assert.equal(restartPolicyOf(undefined), null);
  assert.equal(restartPolicyOf(null), null);
});

const composeDoc = (): Raw => ({
  name: 'recyclic',
  version: '3.3',
  services: {
    api: {
      image: 'recyclic-api:${API_IMAGE_TAG:-latest}',
      environment: { DATABASE_URL: 'postgres://u:${POSTGRES_PASSWORD}@db/x', MODE: '${MODE:-prod}' },
      depends_on: { db: { condition: 'service_healthy' }, 'api-migrations': { condition: 'service_completed_successfully' } },
      restart: 'unless-stopped',
      deploy: { replicas: 2, resources: { limits: { memory: '512M' } } },
    },
    'api-migrations': {
      image: 'recyclic-api-migrations:${API_MIGRATIONS_IMAGE_TAG:-latest}',
      depends_on: ['db'],
      restart: 'no',
    },
    bot: {
      image: 'recyclic-bot:${BOT_TAG}',
      restart: 'always',
      deploy: { restart_policy: { condition: 'on-failure', delay: '5s' }, replicas: 1 },
    },
    worker: {
      image: 'recyclic-worker:${WORKER_TAG}',
      restart: 'on-failure:3',
    },
    db: { image: 'postgres:15', restart: '${DB_RESTART:-always}' },
  },
  volumes: { data: {} },
});

test('toStackDoc: long-form depends_on → names, restart → deploy.restart_policy, name dropped, version set', () => {
  const out = toStackDoc(composeDoc(), '3.9');
  assert.equal(out.version, '3.9');
  assert.equal('name' in out, false, 'the top-level name is dropped');
  assert.deepEqual(out.volumes, { data: {} }, 'other top-level keys are kept');
  const services = out.services as Record<string, Raw>;
  assert.deepEqual(Object.keys(services), ['api', 'api-migrations', 'bot', 'worker', 'db']);

  // long form → list of names, in the file's order; list form as written
  assert.deepEqual(services.api.depends_on, ['db', 'api-migrations']);
  assert.deepEqual(services['api-migrations'].depends_on, ['db']);

  // restart becomes deploy.restart_policy; other deploy keys kept
  assert.equal('restart' in services.api, false);
  assert.deepEqual(services.api.deploy, { replicas: 2, resources: { limits: { memory: '512M' } }, restart_policy: { condition: 'any' } });
  assert.equal('restart' in services['api-migrations'], false);
  assert.deepEqual(services['api-migrations'].deploy, { restart_policy: { condition: 'none' } }, 'a one-shot runs once');
  assert.deepEqual(services.worker.deploy, { restart_policy: { condition: 'on-failure', max_attempts: 3 } });

  // a service's own restart_policy is kept untouched (restart: always ignored), with the other deploy keys
  assert.equal('restart' in services.bot, false);
  assert.deepEqual(services.bot.deploy, { restart_policy: { condition: 'on-failure', delay: '5s' }, replicas: 1 });

  // an unreadable restart value is dropped without a policy; variables stay as written everywhere
  assert.equal('restart' in services.db, false);
  assert.equal('deploy' in services.db, false);
  assert.equal(services.api.image, 'recyclic-api:${API_IMAGE_TAG:-latest}');
  assert.deepEqual(services.api.environment, { DATABASE_URL: 'postgres://u:${POSTGRES_PASSWORD}@db/x', MODE: '${MODE:-prod}' });
});

test('toStackDoc: the input is not changed', () => {
  const input = composeDoc();
  const before = structuredClone(input);
  const out = toStackDoc(input, '3.8');
  assert.deepEqual(input, before);
  assert.notEqual(out, input);
  assert.notEqual(out.services, input.services);
  assert.notEqual((out.services as Record<string, Raw>).api, (input.services as Record<string, Raw>).api, 'each changed service is a new object');
  assert.notEqual((out.services as Record<string, Raw>).api.deploy, (input.services as Record<string, Raw>).api.deploy);
});

test('toStackDoc: a file without services (an override of networks only) gets no services key', () => {
  const out = toStackDoc({ networks: { front: {} } }, '3.8');
  assert.deepEqual(out, { networks: { front: {} }, version: '3.8' });
  assert.deepEqual(toStackDoc({ version: '3.1', services: { x: null } }, '3.8'), { version: '3.8', services: { x: {} } });
});

test('overrideDoc: image, replicas (0 included) and update/rollback configs under deploy; nothing to pin → omitted', () => {
  const doc = overrideDoc('3.9', {
    api: {
      image: 'recyclic-api:v2',
      updateConfig: { order: 'start-first', failure_action: 'rollback', monitor: '5000ms' },
      rollbackConfig: { order: 'start-first' },
    },
    bot: { image: 'recyclic-bot:v1', replicas: 2 },
    'api-migrations': { replicas: 0 },
    db: {},
  });
  assert.deepEqual(doc, {
    version: '3.9',
    services: {
      api: {
        image: 'recyclic-api:v2',
        deploy: { update_config: { order: 'start-first', failure_action: 'rollback', monitor: '5000ms' }, rollback_config: { order: 'start-first' } },
      },
      bot: { image: 'recyclic-bot:v1', deploy: { replicas: 2 } },
      'api-migrations': { deploy: { replicas: 0 } },
    },
  });
  assert.equal('db' in (doc.services as Raw), false);
  assert.deepEqual(overrideDoc('3.8', {}), { version: '3.8', services: {} });
});

test('fileDeployKey + mergedConfig: later files win key by key, the files beat reprise defaults', () => {
  const docs: Raw[] = [
    { services: { api: { deploy: { update_config: { order: 'stop-first', parallelism: 2, delay: '10s' } } } } },
    { services: { api: { image: 'x' } } },
    { services: { api: { deploy: { update_config: { order: 'start-first', monitor: '30s' } } }, bot: { deploy: { replicas: 1 } } } },
  ];
  const found = fileDeployKey(docs, 'api', 'update_config');
  assert.deepEqual(found, { order: 'start-first', parallelism: 2, delay: '10s', monitor: '30s' });
  assert.equal(fileDeployKey(docs, 'api', 'rollback_config'), null);
  assert.equal(fileDeployKey(docs, 'bot', 'update_config'), null);
  assert.equal(fileDeployKey(docs, 'nope', 'update_config'), null);
  assert.equal(fileDeployKey([], 'api', 'update_config'), null);

  const defaults = { order: 'stop-first', failure_action: 'rollback', monitor: '5000ms' };
  assert.deepEqual(mergedConfig(found, defaults), { order: 'start-first', failure_action: 'rollback', monitor: '30s', parallelism: 2, delay: '10s' });
  assert.deepEqual(mergedConfig(null, defaults), defaults, 'nothing in the files: the defaults');
  assert.deepEqual(mergedConfig({ failure_action: 'pause' }, { failure_action: 'continue' }), { failure_action: 'pause' });
  assert.deepEqual(defaults, { order: 'stop-first', failure_action: 'rollback', monitor: '5000ms' }, 'the defaults are not changed');
});

test('renderStackYaml: strings a YAML 1.1 reader would take for booleans or octal numbers are quoted', () => {
  const doc: Raw = {
    version: '3.8',
    services: {
      api: {
        image: 'recyclic-api:${API_IMAGE_TAG:-latest}',
        environment: { DEBUG: 'no', FEATURE: 'on', VERBOSE: 'yes', UMASK: '0755', PORT: 8000, ENABLED: true },
      },
    },
  };
  const text = renderStackYaml(doc, yaml.stringify);
  assert.match(text, /DEBUG: "no"\n/);
  assert.match(text, /FEATURE: "on"\n/);
  assert.match(text, /VERBOSE: "yes"\n/);
  assert.match(text, /UMASK: "0755"\n/);
  assert.match(text, /PORT: 8000\n/, 'a number stays a number');
  assert.match(text, /ENABLED: true\n/, 'a boolean stays a boolean');
  assert.match(text, /version: "3\.8"\n/, 'the version stays a string');
  const back = yaml.parse(text, { version: '1.1' }) as Raw;
  const env = ((back.services as Record<string, Raw>).api.environment) as Raw;
  assert.deepEqual(env, { DEBUG: 'no', FEATURE: 'on', VERBOSE: 'yes', UMASK: '0755', PORT: 8000, ENABLED: true });
  assert.equal(back.version, '3.8');
  assert.equal((back.services as Record<string, Raw>).api.image, 'recyclic-api:${API_IMAGE_TAG:-latest}');
});

test('renderStackYaml: long lines are not folded (lineWidth 0)', () => {
  const long = `echo ${'x'.repeat(200)} && echo ${'y'.repeat(200)}`;
  const text = renderStackYaml({ services: { job: { command: long } } }, yaml.stringify);
  assert.equal(text.split('\n').filter((l) => l.includes('command:')).length, 1);
  assert.match(text, new RegExp(`command: ${long}\\n`));
});

test('parseForStack reads YAML as the docker CLI does: an octal mode keeps its value through the rewrite', () => {
  const src = 'services:\n  api:\n    image: nginx\n    restart: no\n    secrets:\n      - source: key\n        mode: 0440\n';
  const doc = parseForStack(src, yaml.parse);
  const out = renderStackYaml(toStackDoc(doc, '3.8'), yaml.stringify);
  const back = yaml.parse(out, { version: '1.1' }) as { services: { api: { secrets: Array<{ mode: number }>; deploy: Raw } } };
  assert.equal(back.services.api.secrets[0].mode, 0o440, `mode 0440 stays 288: ${out}`);
  assert.deepEqual(back.services.api.deploy, { restart_policy: { condition: 'none' } }, 'an unquoted restart: no is a one-shot too');
});

test('parseForStack: no base-60 numbers nor timestamps (the docker CLI has none): ports and times stay as written', () => {
  const doc = parseForStack('services:\n  ftp:\n    image: x\n    ports:\n      - 21:21\n    environment:\n      BACKUP_AT: 03:30\n      SINCE: 2001-12-14\n', yaml.parse);
  const ftp = (doc.services as Record<string, Raw>).ftp;
  assert.deepEqual(ftp.ports, ['21:21']);
  assert.deepEqual(ftp.environment, { BACKUP_AT: '03:30', SINCE: '2001-12-14' });
  const out = renderStackYaml(toStackDoc(doc, '3.8'), yaml.stringify);
  assert.match(out, /- "21:21"\n/);
  assert.match(out, /BACKUP_AT: "03:30"\n/);
});

test('updateConfigs: defaults under the file\'s keys; stop-first forced where two tasks cannot coexist; one-shots continue', () => {
  const docs: Raw[] = [{ services: { api: { deploy: { update_config: { parallelism: 2, order: 'start-first' } } }, bot: { deploy: { update_config: { order: 'start-first', monitor: '9s' } } } } }];
  const api = updateConfigs(docs, 'api', { oneShot: false, startFirst: true, readinessDelayMs: 1500 });
  assert.deepEqual(api.updateConfig, { order: 'start-first', failure_action: 'rollback', monitor: '1500ms', parallelism: 2 });
  assert.deepEqual(api.rollbackConfig, { order: 'start-first' });
  const bot = updateConfigs(docs, 'bot', { oneShot: false, startFirst: false, readinessDelayMs: 1000 });
  assert.equal(bot.updateConfig!.order, 'stop-first', 'a host-mode port: stop-first although the file asks start-first');
  assert.equal(bot.updateConfig!.monitor, '9s', "the file's other keys are kept");
  assert.equal(bot.rollbackConfig!.order, 'stop-first');
  assert.deepEqual(updateConfigs(docs, 'mig', { oneShot: true, startFirst: false, readinessDelayMs: 1000 }), { updateConfig: { failure_action: 'continue' } });
});

test('overrideDoc writes container labels (a one-shot run label) beside the image', () => {
  const doc = overrideDoc('3.8', { mig: { image: 'm:v1', labels: { 'io.reprise.run': 'r1' } }, api: { labels: {} } });
  assert.deepEqual(doc.services, { mig: { image: 'm:v1', labels: { 'io.reprise.run': 'r1' } } });
});
