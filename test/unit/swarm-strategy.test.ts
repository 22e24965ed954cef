// Pure parts of Swarm releases outside the engine: how each versioned service is updated (Swarm's own
// start-first, or stop-first and why), and doctor's judgement of the swarm this engine belongs to.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseSwarmStrategy, type SwarmStrategyFacts } from '../../src/domain/strategy';
import { svc } from '../fixtures/services';
import { t } from '../../src/domain/messages';
import { judgeSwarm, type Msg, type SwarmFactsForDoctor, type SwarmNodeFacts } from '../../src/domain/doctor';

const facts = (hostPorts: string[] = [], updateOrder: string | null = null): SwarmStrategyFacts => ({ hostPorts, updateOrder });
const env = (k: string): string | undefined => ({ BOT_PORT: '18001' })[k];

test('chooseSwarmStrategy: start-first unless asked otherwise, a one-shot, stop-first in the file or a host-mode port', () => {
  assert.deepEqual(chooseSwarmStrategy(svc('api'), facts(), null, env), { service: 'api', requested: null, strategy: 'start-first', reason: null, detail: null, port: null });
  assert.deepEqual(chooseSwarmStrategy(svc('api'), facts(), 'start-first', env), { service: 'api', requested: 'start-first', strategy: 'start-first', reason: null, detail: null, port: null });
  assert.deepEqual(chooseSwarmStrategy(svc('api'), facts(), 'recreate', env), { service: 'api', requested: 'recreate', strategy: 'recreate', reason: 'configured', detail: null, port: null });
  assert.deepEqual(chooseSwarmStrategy(svc('mig', true), facts(), null, env), { service: 'mig', requested: null, strategy: 'recreate', reason: 'one_shot', detail: null, port: null });
  assert.deepEqual(chooseSwarmStrategy(svc('api'), facts([], 'stop-first'), null, env), {
    service: 'api',
    requested: null,
    strategy: 'recreate',
    reason: 'configured',
    detail: 'deploy.update_config.order: stop-first',
    port: null,
  });
  assert.equal(chooseSwarmStrategy(svc('api'), facts([], 'start-first'), null, env).strategy, 'start-first', 'order start-first in the file');
  const ported = chooseSwarmStrategy(svc('bot'), facts(['${BOT_PORT:-8001}', '9000']), null, env);
  assert.deepEqual([ported.strategy, ported.reason, ported.detail], ['recreate', 'published_ports', '18001 (mode: host), 9000 (mode: host)']);
  const defaulted = chooseSwarmStrategy(svc('bot'), facts(['${OTHER_PORT:-8002}']), null, env);
  assert.equal(defaulted.detail, '8002 (mode: host)', 'the default of an unset variable');
});

test('chooseSwarmStrategy: the reasons are checked in order (requested, one-shot, stop-first, host ports)', () => {
  const all = facts(['8001'], 'stop-first');
  assert.equal(chooseSwarmStrategy(svc('x', true), all, 'recreate', env).reason, 'configured');
  assert.equal(chooseSwarmStrategy(svc('x', true), all, 'recreate', env).detail, null);
  assert.equal(chooseSwarmStrategy(svc('x', true), all, 'start-first', env).reason, 'one_shot', 'a requested start-first that is impossible falls back');
  assert.deepEqual([chooseSwarmStrategy(svc('x'), all, null, env).reason, chooseSwarmStrategy(svc('x'), all, null, env).detail], ['configured', 'deploy.update_config.order: stop-first']);
  assert.equal(chooseSwarmStrategy(svc('x'), facts(['8001']), 'start-first', env).reason, 'published_ports');
});

const node = (hostname: string, role = 'manager', state = 'ready', availability = 'active'): SwarmNodeFacts => ({ hostname, role, state, availability });
const good: SwarmFactsForDoctor = {
  state: 'active',
  manager: true,
  nodes: [node('host1')],
  cli: true,
  cliProgram: 'docker',
  ipvs: true,
  needIpvs: ['api'],
  preferOffline: true,
};
const say = (m: Msg | null): string => (m ? t('en', m[0], m[1]) : '(no message)');

test('judgeSwarm: not in a swarm, a worker or no docker CLI fail with their fix', () => {
  const inactive = judgeSwarm('en', { ...good, state: 'inactive' });
  assert.equal(inactive.status, 'fail');
  assert.deepEqual(inactive.summary, ['doctorSwarmInactive', { state: 'inactive' }]);
  assert.deepEqual(inactive.fix, ['doctorSwarmInactiveFix', {}]);
  assert.equal(say(inactive.summary), 'this engine is not part of a swarm (state: inactive)');
  assert.equal(judgeSwarm('en', { ...good, state: 'locked' }).summary[0], 'doctorSwarmInactive');

  const worker = judgeSwarm('en', { ...good, manager: false });
  assert.equal(worker.status, 'fail');
  assert.deepEqual(worker.summary, ['doctorSwarmWorker', {}]);
  assert.deepEqual(worker.fix, ['doctorSwarmWorkerFix', {}]);

  const noCli = judgeSwarm('en', { ...good, cli: false, cliProgram: '/opt/docker' });
  assert.equal(noCli.status, 'fail');
  assert.deepEqual(noCli.summary, ['doctorSwarmCli', { program: '/opt/docker' }]);
  assert.equal(say(noCli.summary), '`/opt/docker stack deploy` does not run');
  assert.deepEqual(noCli.fix, ['doctorSwarmCliFix', {}]);
  // the first failure wins
  assert.equal(judgeSwarm('en', { ...good, state: 'pending', manager: false, cli: false }).summary[0], 'doctorSwarmInactive');
  assert.equal(judgeSwarm('en', { ...good, manager: false, cli: false }).summary[0], 'doctorSwarmWorker');
});

test('judgeSwarm: an active one-node swarm with everything in place is ok', () => {
  const ok = judgeSwarm('en', good);
  assert.equal(ok.status, 'ok');
  assert.deepEqual(ok.summary, ['doctorSwarmOk', { nodes: 1, managers: 1, program: 'docker' }]);
  assert.equal(ok.fix, null);
  assert.equal(say(ok.summary), 'active swarm, this engine is a manager; 1 node(s), 1 manager(s); `docker stack deploy` available');
  assert.deepEqual(ok.details, { ...good });
  // unknown facts are no warning
  const unknown = judgeSwarm('en', { ...good, nodes: null, ipvs: null, preferOffline: null });
  assert.equal(unknown.status, 'ok');
  assert.deepEqual(unknown.summary, ['doctorSwarmOk', { nodes: '?', managers: '?', program: 'docker' }]);
  // no IPVS, but no service needs it
  assert.equal(judgeSwarm('en', { ...good, ipvs: false, needIpvs: [] }).status, 'ok');
});

test('judgeSwarm: nodes down, several nodes, no IPVS and registry pulls warn, each in the summary and the fix', () => {
  const drainedAlone = judgeSwarm('en', { ...good, nodes: [node('host1', 'manager', 'ready', 'drain')] });
  assert.equal(drainedAlone.status, 'warn', 'one node, drained: no task can run');
  assert.equal(say(drainedAlone.summary), 'swarm: nodes not ready or not active: host1 (ready, drain)');

  const w1 = judgeSwarm('en', { ...good, nodes: [node('host1'), node('host2', 'worker', 'down', 'active'), node('host3', 'worker', 'ready', 'drain')] });
  assert.equal(w1.status, 'warn');
  assert.equal(w1.summary[0], 'doctorSwarmWarnings');
  const expectedList = [t('en', 'doctorSwarmNodesDown', { nodes: ['host2 (down, active)', 'host3 (ready, drain)'] }), t('en', 'doctorSwarmMultiNode', { count: 3 })].join('; ');
  assert.deepEqual(w1.summary[1], { list: expectedList });
  const text = say(w1.summary);
  assert.equal(text, `swarm: nodes not ready or not active: host2 (down, active), host3 (ready, drain); 3 nodes: images are built locally, so every node that may run a task needs every version's images`);
  assert.equal(w1.fix![0], 'doctorSwarmFixes');
  assert.equal(say(w1.fix), [t('en', 'doctorSwarmNodesDownFix'), t('en', 'doctorSwarmMultiNodeFix')].join('; '));

  const two = judgeSwarm('en', { ...good, nodes: [node('host1'), node('host2', 'worker')] });
  assert.equal(two.status, 'warn', 'two nodes are already several');
  assert.equal(say(two.summary), `swarm: ${t('en', 'doctorSwarmMultiNode', { count: 2 })}`);
  assert.match(say(two.summary), /^swarm: 2 nodes: /);
  assert.equal(say(two.fix), t('en', 'doctorSwarmMultiNodeFix'));

  const noIpvs = judgeSwarm('en', { ...good, ipvs: false, needIpvs: ['api', 'bot'] });
  assert.equal(noIpvs.status, 'warn');
  assert.equal(say(noIpvs.summary), `swarm: ${t('en', 'doctorSwarmNoIpvs', { services: ['api', 'bot'] })}`);
  assert.match(say(noIpvs.summary), /these services rely on them: api, bot$/);
  assert.equal(say(noIpvs.fix), t('en', 'doctorSwarmNoIpvsFix'));

  const pulls = judgeSwarm('en', { ...good, preferOffline: false });
  assert.equal(pulls.status, 'warn');
  assert.equal(say(pulls.summary), `swarm: ${t('en', 'doctorSwarmPulls')}`);
  assert.equal(say(pulls.fix), t('en', 'doctorSwarmPullsFix'));
  assert.match(say(pulls.fix), /DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1/);

  // the translation follows the language asked for
  const fr = judgeSwarm('fr', { ...good, preferOffline: false, ipvs: false, needIpvs: ['api'] });
  assert.equal(t('fr', fr.summary[0], fr.summary[1]), `swarm : ${t('fr', 'doctorSwarmNoIpvs', { services: ['api'] })}; ${t('fr', 'doctorSwarmPulls')}`);
  assert.match(t('fr', fr.summary[0], fr.summary[1]), /le noyau n'a pas IPVS/);
});
