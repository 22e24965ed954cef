// Docker's reading of an image's repository: which registry, which path; and which registries are on loopback.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackRegistry, isValidReference, isValidRepositoryPath, splitHostPort, splitRepository } from '../../src/domain/image-ref';

test('splitRepository: a first component with "." or ":", or localhost, is a registry host', () => {
  assert.deepEqual(splitRepository('127.0.0.1:5000/rit/api'), { registry: '127.0.0.1:5000', path: 'rit/api' });
  assert.deepEqual(splitRepository('ghcr.io/org/api'), { registry: 'ghcr.io', path: 'org/api' });
  assert.deepEqual(splitRepository('localhost/api'), { registry: 'localhost', path: 'api' });
  assert.deepEqual(splitRepository('localhost:5000/a/b/c'), { registry: 'localhost:5000', path: 'a/b/c' });
  assert.deepEqual(splitRepository('[::1]:5000/api'), { registry: '[::1]:5000', path: 'api' });
  assert.deepEqual(splitRepository('registry.example.com/api'), { registry: 'registry.example.com', path: 'api' });
  // an upper-case letter is never in a path: docker reads it as a host
  assert.deepEqual(splitRepository('MyRegistry/api'), { registry: 'MyRegistry', path: 'api' });
});

test('splitRepository: otherwise Docker Hub (null), a name without "/" under library/', () => {
  assert.deepEqual(splitRepository('recyclic-api'), { registry: null, path: 'library/recyclic-api' });
  assert.deepEqual(splitRepository('rit/api'), { registry: null, path: 'rit/api' });
  assert.deepEqual(splitRepository('rit/team/api'), { registry: null, path: 'rit/team/api' });
  // Docker Hub written by its names
  assert.deepEqual(splitRepository('docker.io/nginx'), { registry: null, path: 'library/nginx' });
  assert.deepEqual(splitRepository('docker.io/bitnami/redis'), { registry: null, path: 'bitnami/redis' });
  assert.deepEqual(splitRepository('index.docker.io/library/nginx'), { registry: null, path: 'library/nginx' });
});

test('isLoopbackRegistry: 127.0.0.0/8, ::1 and localhost, with or without a port', () => {
  for (const host of ['127.0.0.1', '127.0.0.1:5000', '127.1.2.3:443', 'localhost', 'LOCALHOST:5000', '::1', '[::1]', '[::1]:5000']) {
    assert.equal(isLoopbackRegistry(host), true, host);
  }
  for (const host of ['ghcr.io', '10.0.0.1:5000', '128.0.0.1', '127.0.0.256', '127.0.0.1.example.com', 'localhost.example.com', '[::2]:5000', '', 'my-localhost:5000']) {
    assert.equal(isLoopbackRegistry(host), false, host);
  }
});

test('splitHostPort: bracketed IPv6, bare IPv6, name and port', () => {
  assert.deepEqual(splitHostPort('[::1]:5000'), { hostname: '::1', port: '5000' });
  assert.deepEqual(splitHostPort('::1'), { hostname: '::1', port: null });
  assert.deepEqual(splitHostPort('ghcr.io'), { hostname: 'ghcr.io', port: null });
  assert.deepEqual(splitHostPort('127.0.0.1:5000'), { hostname: '127.0.0.1', port: '5000' });
});

test('isValidRepositoryPath / isValidReference: what may go into a registry URL', () => {
  for (const p of ['api', 'rit/api', 'library/recyclic-api', 'a/b_c/d.e', 'a__b', 'a---b']) assert.equal(isValidRepositoryPath(p), true, p);
  for (const p of ['', 'Api', '../x', 'a//b', 'a/', '/a', 'a?b', 'a b', 'a/-b', 'a/b.']) assert.equal(isValidRepositoryPath(p), false, p);
  const digest = `sha256:${'a'.repeat(64)}`;
  for (const r of ['1.4.2', 'latest', 'v1_2-rc.3', digest]) assert.equal(isValidReference(r), true, r);
  for (const r of ['', '.hidden', '-x', 'a/b', 'a?b', 'x'.repeat(129), 'sha256:xyz']) assert.equal(isValidReference(r), false, r);
});
