// The challenges of WWW-Authenticate as registries send them, and the RFC's harder corners: several
// challenges in one header, quoted commas and escapes, token68, odd spacing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findChallenge, parseWwwAuthenticate } from '../../src/domain/www-authenticate';
import { nextLink } from '../../src/domain/link-header';

test('parseWwwAuthenticate: Docker Hub\'s Bearer challenge', () => {
  const h = 'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:library/nginx:pull"';
  assert.deepEqual(parseWwwAuthenticate(h), [
    { scheme: 'bearer', params: { realm: 'https://auth.docker.io/token', service: 'registry.docker.io', scope: 'repository:library/nginx:pull' } },
  ]);
});

test('parseWwwAuthenticate: distribution\'s Basic challenge; names lower-cased; unquoted values', () => {
  assert.deepEqual(parseWwwAuthenticate('Basic realm="Registry Realm"'), [{ scheme: 'basic', params: { realm: 'Registry Realm' } }]);
  assert.deepEqual(parseWwwAuthenticate('BASIC Realm=simple , charset="UTF-8"'), [{ scheme: 'basic', params: { realm: 'simple', charset: 'UTF-8' } }]);
});

test('parseWwwAuthenticate: several challenges in one header (node joins repeated headers with ", ")', () => {
  const h = 'Basic realm="a, b", Bearer realm="https://t.example/token",error="invalid_token", Digest realm="x", qop="auth"';
  const c = parseWwwAuthenticate(h);
  assert.deepEqual(
    c.map((x) => x.scheme),
    ['basic', 'bearer', 'digest'],
  );
  assert.equal(c[0].params.realm, 'a, b');
  assert.deepEqual(c[1].params, { realm: 'https://t.example/token', error: 'invalid_token' });
  assert.deepEqual(c[2].params, { realm: 'x', qop: 'auth' });
  assert.equal(findChallenge(c, 'Bearer')?.params.realm, 'https://t.example/token');
  assert.equal(findChallenge(c, 'negotiate'), undefined);
});

test('parseWwwAuthenticate: escapes in quoted strings, spaces around "=", token68, a bare scheme', () => {
  assert.deepEqual(parseWwwAuthenticate('Bearer realm = "say \\"hi\\" \\\\ there"'), [{ scheme: 'bearer', params: { realm: 'say "hi" \\ there' } }]);
  assert.deepEqual(parseWwwAuthenticate('Negotiate abc/+Z==, Basic realm="r"'), [
    { scheme: 'negotiate', params: {}, token68: 'abc/+Z==' },
    { scheme: 'basic', params: { realm: 'r' } },
  ]);
  assert.deepEqual(parseWwwAuthenticate('Basic'), [{ scheme: 'basic', params: {} }]);
  assert.deepEqual(parseWwwAuthenticate(''), []);
  // an unterminated quote ends the value at the end of the header, without looping
  assert.deepEqual(parseWwwAuthenticate('Bearer realm="https://x'), [{ scheme: 'bearer', params: { realm: 'https://x' } }]);
});

test('nextLink: the rel="next" target of a Link header, relative or absolute', () => {
  assert.equal(nextLink('</v2/rit/api/tags/list?last=b&n=2>; rel="next"'), '/v2/rit/api/tags/list?last=b&n=2');
  assert.equal(nextLink('<https://r.example/v2/x/tags/list?last=b>; rel=next'), 'https://r.example/v2/x/tags/list?last=b');
  assert.equal(nextLink('</a>; rel="prev", </b>; rel="next"'), '/b');
  assert.equal(nextLink('</a>; title="x"; rel="prev next"'), '/a');
  assert.equal(nextLink('</a>; rel="prev"'), null);
  assert.equal(nextLink(undefined), null);
});
