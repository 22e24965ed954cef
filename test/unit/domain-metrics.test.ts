import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMetricsEntry, efficiencyScore, isoSeconds, metricsEvent, rollbackSpeed, type MetricsInput } from '../../src/domain/metrics';

test('rollbackSpeed boundaries', () => {
  assert.equal(rollbackSpeed(0), 'fast');
  assert.equal(rollbackSpeed(59.9), 'fast');
  assert.equal(rollbackSpeed(60), 'normal');
  assert.equal(rollbackSpeed(179.9), 'normal');
  assert.equal(rollbackSpeed(180), 'slow');
  assert.equal(rollbackSpeed(300.1), 'slow');
});

test('efficiencyScore boundaries and failure', () => {
  assert.equal(efficiencyScore(59.9, true), 100);
  assert.equal(efficiencyScore(60, true), 90);
  assert.equal(efficiencyScore(179.9, true), 90);
  assert.equal(efficiencyScore(180, true), 80);
  assert.equal(efficiencyScore(300, true), 80);
  assert.equal(efficiencyScore(300.1, true), 70);
  assert.equal(efficiencyScore(10, false), 0);
  assert.equal(efficiencyScore(400, false), 0);
});

test('event from trigger and outcome', () => {
  assert.equal(metricsEvent('manual', 'success'), 'rollback_success');
  assert.equal(metricsEvent('manual', 'failed'), 'rollback_failed');
  assert.equal(metricsEvent('dashboard', 'success'), 'rollback_success');
  assert.equal(metricsEvent('auto', 'success'), 'auto_rollback_success');
  assert.equal(metricsEvent('auto', 'failed'), 'auto_rollback_failed');
  assert.equal(metricsEvent('emergency', 'success'), 'emergency_rollback_success');
  assert.equal(metricsEvent('emergency', 'failed'), 'emergency_rollback_failed');
  assert.equal(metricsEvent('manual', 'cancelled'), 'rollback_cancelled');
  assert.equal(metricsEvent('auto', 'cancelled'), 'rollback_cancelled');
  assert.equal(metricsEvent('emergency', 'cancelled'), 'rollback_cancelled');
});

function input(over: Partial<MetricsInput> = {}): MetricsInput {
  return {
    trigger: 'manual',
    outcome: 'success',
    version: 'abc1234',
    fromVersion: 'def5678',
    startedAt: new Date('2025-01-27T10:29:00.000Z'),
    finishedAt: new Date('2025-01-27T10:30:00.456Z'),
    hostname: 'box',
    user: 'ops',
    system: { cpu_usage_percent: 12.345, memory_usage_percent: 50.06, disk_usage_percent: 70, docker_containers_running: 6, docker_images_count: 14 },
    services: { api: 31.26, bot: 4 },
    ...over,
  };
}

test('buildMetricsEntry: seed keys, numbers rounded, timestamp without milliseconds', () => {
  const e = buildMetricsEntry(input());
  assert.deepEqual(e, {
    timestamp: '2025-01-27T10:30:00Z',
    event: 'rollback_success',
    version: 'abc1234',
    duration_seconds: 60.46,
    status: 'success',
    hostname: 'box',
    user: 'ops',
    system_metrics: { cpu_usage_percent: 12.3, memory_usage_percent: 50.1, disk_usage_percent: 70, docker_containers_running: 6, docker_images_count: 14 },
    performance: { rollback_speed: 'normal', efficiency_score: 90 },
    from_version: 'def5678',
    trigger: 'manual',
    services: { api: 31.3, bot: 4 },
  });
  assert.equal(typeof JSON.parse(JSON.stringify(e)).duration_seconds, 'number');
});

test('buildMetricsEntry: failure carries error and score 0; cancellation; project', () => {
  const failed = buildMetricsEntry(input({ trigger: 'auto', outcome: 'failed', error: { code: 'HEALTH_CHECK_FAILED', message: 'api' }, project: 'recyclic-prod' }));
  assert.equal(failed.event, 'auto_rollback_failed');
  assert.equal(failed.status, 'failed');
  assert.equal(failed.performance.efficiency_score, 0);
  assert.deepEqual(failed.error, { code: 'HEALTH_CHECK_FAILED', message: 'api' });
  assert.equal(failed.project, 'recyclic-prod');

  const cancelled = buildMetricsEntry(input({ trigger: 'emergency', outcome: 'cancelled', finishedAt: new Date('2025-01-27T10:29:02Z') }));
  assert.equal(cancelled.event, 'rollback_cancelled');
  assert.equal(cancelled.status, 'cancelled');
  assert.equal(cancelled.duration_seconds, 2);
  assert.equal(cancelled.performance.rollback_speed, 'fast');
  assert.equal('error' in cancelled, false);
});

test('isoSeconds drops milliseconds and stays UTC', () => {
  assert.equal(isoSeconds(new Date('2025-01-27T10:30:00.999Z')), '2025-01-27T10:30:00Z');
});

test('buildMetricsEntry: a rollback from the dashboard is a manual one (SPEC §6 triggers) marked source: dashboard', () => {
  const e = buildMetricsEntry(input({ trigger: 'dashboard' }));
  assert.equal(e.trigger, 'manual');
  assert.equal(e.source, 'dashboard');
  assert.equal(e.event, 'rollback_success');
  assert.equal('source' in buildMetricsEntry(input()), false);
});
