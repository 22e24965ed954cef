import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultsFor, emailSubject, escapeHtml, renderHtml, renderText, type NotificationEvent } from '../../src/domain/notification';

function ev(over: Partial<NotificationEvent> = {}): NotificationEvent {
  return {
    type: 'rollback_success',
    urgent: false,
    project: 'recyclic',
    environment: null,
    host: 'prod-1',
    user: 'alice',
    version: 'abc1234',
    fromVersion: 'def5678',
    restoredVersion: 'abc1234',
    cause: 'API 500 on /health',
    durationSeconds: 4.25,
    incident: 'logs/incidents/20260101T120000Z-def5678/report.md',
    at: new Date('2026-01-01T12:00:00Z'),
    lang: 'fr',
    outcomeOk: true,
    ...over,
  };
}

test('French text starts with the seed template (§6.1) and carries host, project, who, duration, versions, incident', () => {
  const text = renderText(ev({ environment: 'production' }));
  const lines = text.split('\n');
  assert.equal(lines[0], '🚨 ROLLBACK EFFECTUÉ');
  assert.equal(lines[1], '- Heure : 2026-01-01 12:00:00 UTC');
  assert.equal(lines[2], '- Version précédente : abc1234');
  assert.equal(lines[3], '- Cause : API 500 on /health');
  assert.equal(lines[4], '- Statut : Services restaurés');
  assert.equal(lines[5], '- Prochaine étape : Investigation en cours');
  assert.match(text, /- Hôte : prod-1/);
  assert.match(text, /- Projet : recyclic \(production\)/);
  assert.match(text, /- Par : alice/);
  assert.match(text, /- Durée : 4\.3 s/);
  assert.match(text, /- Versions : def5678 → abc1234/);
  assert.match(text, /- Rapport d'incident : logs\/incidents\/20260101T120000Z-def5678\/report\.md/);
});

test('English text is the equivalent template', () => {
  const lines = renderText(ev({ lang: 'en' })).split('\n');
  assert.equal(lines[0], '🚨 ROLLBACK DONE');
  assert.equal(lines[1], '- Time: 2026-01-01 12:00:00 UTC');
  assert.equal(lines[2], '- Previous version: abc1234');
  assert.equal(lines[4], '- Status: Services restored');
  assert.equal(lines[5], '- Next step: Investigation under way');
  assert.ok(lines.includes('- Host: prod-1'));
});

test('each type has its own title; a failed rollback is the urgent emergency alert', () => {
  const titles = new Set<string>();
  for (const type of ['deploy_success', 'deploy_failed', 'rollback_success', 'rollback_failed', 'rollback_cancelled', 'auto_rollback', 'emergency_rollback', 'interrupted_operation', 'test'] as const) {
    const d = defaultsFor(type);
    titles.add(renderText(ev({ type, ...d })).split('\n')[0]);
  }
  assert.equal(titles.size, 9);
  const failed = defaultsFor('rollback_failed');
  assert.deepEqual(failed, { outcomeOk: false, urgent: true });
  const t = renderText(ev({ type: 'rollback_failed', restoredVersion: null, ...failed }));
  assert.match(t.split('\n')[0], /^URGENT — 🆘 ROLLBACK ÉCHOUÉ/);
  assert.match(t, /- Statut : Services NON restaurés/);
  assert.match(t, /- Prochaine étape : Intervenir immédiatement/);
  assert.equal(defaultsFor('auto_rollback', false).urgent, true);
  assert.equal(defaultsFor('auto_rollback', true).urgent, false);
  assert.equal(defaultsFor('deploy_failed', true).urgent, false);
  // a deploy: "previous version" is the one before the deploy
  assert.match(renderText(ev({ type: 'deploy_success', restoredVersion: null, version: 'new1', fromVersion: 'old1' })), /- Version précédente : old1\n/);
});

test('HTML escapes & < > in every dynamic value; _ and * are left as they are (no meaning in HTML mode)', () => {
  const html = renderHtml(
    ev({
      version: 'v1_2*3',
      restoredVersion: 'v1_2*3',
      fromVersion: 'rel_<b>&x',
      host: 'db_host*1 <prod>',
      user: 'a&b',
      cause: 'connect ECONNREFUSED <tag> & "x" my_service*',
      project: 'my_proj',
    }),
  );
  assert.equal(html.split('\n')[0], '<b>🚨 ROLLBACK EFFECTUÉ</b>');
  assert.match(html, /- Version précédente : v1_2\*3\n/);
  assert.match(html, /- Hôte : db_host\*1 &lt;prod&gt;\n/);
  assert.match(html, /- Par : a&amp;b\n/);
  assert.match(html, /- Cause : connect ECONNREFUSED &lt;tag&gt; &amp; "x" my_service\*\n/);
  assert.match(html, /- Versions : rel_&lt;b&gt;&amp;x → v1_2\*3/);
  // the only tags are the ones reprise wrote
  const tags = html.match(/<[^>]*>/g) ?? [];
  assert.deepEqual(tags, ['<b>', '</b>']);
  // every & starts an entity
  assert.equal(/&(?!amp;|lt;|gt;)/.test(html), false);
  assert.equal(escapeHtml('_*'), '_*');
});

test('the plain text keeps values unescaped', () => {
  assert.match(renderText(ev({ cause: 'a < b & c' })), /- Cause : a < b & c/);
});

test('a very long cause is cut so the message stays under Telegram\'s 4096 characters', () => {
  const html = renderHtml(ev({ cause: '<'.repeat(5000) }));
  assert.ok(html.length < 4096 + 3000);
  assert.ok(renderText(ev({ cause: 'x'.repeat(5000) })).length < 4096);
});

test('e-mail subject: [Project] What - Version v, language-aware, one line', () => {
  assert.equal(emailSubject(ev({ lang: 'en' })), '[Recyclic] Rollback success - Version abc1234');
  assert.equal(emailSubject(ev({ lang: 'fr' })), '[Recyclic] Rollback réussi - Version abc1234');
  assert.equal(emailSubject(ev({ lang: 'en', type: 'rollback_failed', urgent: true, outcomeOk: false })), '[Recyclic] URGENT: Rollback failed - Version abc1234');
  assert.equal(emailSubject(ev({ lang: 'en', type: 'deploy_success', version: 'v9' })), '[Recyclic] Deploy success - Version v9');
  assert.equal(emailSubject(ev({ lang: 'en', project: 'x\r\nBcc: evil@example.org' })).includes('\n'), false);
});

test('a rollback whose data restore failed says which data did not come back, and what to do, in both languages', () => {
  const fr = renderText(ev({ dataNotRestored: ['db', 'kv'] }));
  assert.match(fr, /- Statut : Code revenu en arrière ; données de db, kv NON restaurées/);
  assert.match(fr, /- Prochaine étape : Intervenir immédiatement : `reprise snapshots`/);
  const en = renderText(ev({ lang: 'en', dataNotRestored: ['db'] }));
  assert.match(en, /- Status: Code rolled back; data of db NOT restored/);
  // nothing failed: the plain success
  assert.match(renderText(ev({ dataNotRestored: [] })), /- Statut : Services restaurés/);
});
