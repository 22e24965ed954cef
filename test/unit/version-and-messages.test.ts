import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertValidVersion, isValidVersion } from '../../src/domain/version';
import { isRepriseError } from '../../src/domain/errors';
import { pickLang, t, hint } from '../../src/domain/messages';
import { parseDuration } from '../../src/domain/duration';
import { interpolate, parseImageTemplate } from '../../src/domain/interpolate';

const good = ['abc1234', 'v1.2.3', '1', '_x', 'a'.repeat(128), 'release-2025_01.27'];
const bad = ['', 'abc;touch /tmp/x', '$(id)', '`id`', '../etc', '.hidden', '-rf', 'a b', 'a\nb', 'a'.repeat(129), 'é', 'a/b', 'a:b', 'a|b', "a'b"];

test('version pattern accepts the SPEC shapes', () => {
  for (const v of good) assert.equal(isValidVersion(v), true, v);
});

test('version pattern refuses shell metacharacters, paths, spaces, newlines, 129 characters, unicode, empty', () => {
  for (const v of bad) {
    assert.equal(isValidVersion(v), false, JSON.stringify(v));
    assert.throws(() => assertValidVersion(v), (e: unknown) => isRepriseError(e) && e.code === 'INVALID_VERSION' && e.exitCode === 2);
  }
});

test('the seed messages keep their French wording', () => {
  assert.equal(t('fr', 'noCurrentVersion'), 'Impossible de déterminer la version actuellement déployée');
  assert.match(t('fr', 'versionNotFound', { version: 'abc1234', available: 'x' }), /^La version abc1234 n'existe pas ou est incomplète/);
  assert.match(t('fr', 'gitUnavailable', { reason: 'r' }), /^Impossible d'accéder à l'historique Git/);
  assert.match(t('en', 'noCurrentVersion'), /Impossible de déterminer la version actuellement déployée/);
});

test('every error hint exists in both languages and messages differ by language', () => {
  assert.notEqual(t('fr', 'cancelled'), t('en', 'cancelled'));
  assert.ok(hint('fr', 'locked'));
  assert.ok(hint('en', 'locked'));
});

test('language: flag, then REPRISE_LANG, then config, then LANG/LC_ALL, then English', () => {
  assert.equal(pickLang('fr', { REPRISE_LANG: 'en' }), 'fr');
  assert.equal(pickLang(undefined, { REPRISE_LANG: 'fr', LANG: 'en_US.UTF-8' }), 'fr');
  assert.equal(pickLang(undefined, { LANG: 'en_US' }, 'fr'), 'fr');
  assert.equal(pickLang(undefined, { LANG: 'fr_FR.UTF-8' }), 'fr');
  assert.equal(pickLang(undefined, { LC_ALL: 'fr_CA', LANG: 'en_US' }), 'fr');
  assert.equal(pickLang(undefined, {}), 'en');
});

test('durations', () => {
  assert.equal(parseDuration('120s'), 120_000);
  assert.equal(parseDuration('200ms'), 200);
  assert.equal(parseDuration('2m'), 120_000);
  assert.equal(parseDuration(5), 5000);
  assert.equal(parseDuration('soon'), null);
  assert.equal(parseDuration('-1s'), null);
});

test('image templates and interpolation', () => {
  assert.deepEqual(parseImageTemplate('recyclic-api:${API_IMAGE_TAG:-latest}'), { repository: 'recyclic-api', tagVariable: 'API_IMAGE_TAG' });
  assert.deepEqual(parseImageTemplate('registry.local:5000/app:${VERSION}'), { repository: 'registry.local:5000/app', tagVariable: 'VERSION' });
  assert.deepEqual(parseImageTemplate('app:$TAG'), { repository: 'app', tagVariable: 'TAG' });
  assert.equal(parseImageTemplate('postgres:15'), null);
  const env: Record<string, string> = { A: '1', EMPTY: '' };
  assert.equal(interpolate('x${A}y${B:-d}z${EMPTY:-e}${EMPTY-f}$A', (k) => env[k]), 'x1ydze1');
});
