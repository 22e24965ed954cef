// Issue 21 review: a credential helper that fails (not on PATH, broken) is said in one warning, and reprise goes
// on anonymously — before, the failure was swallowed and the registry's "unauthorized" was all the user saw.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { registryTags } from '../../src/release/resolve/image-whereabouts';
import type { OpContext } from '../../src/release/context';

test('a credential helper that cannot run is warned about, then the tags are asked for anonymously', async () => {
  const config = mkdtempSync(join(tmpdir(), 'reprise-dockercfg-'));
  writeFileSync(join(config, 'config.json'), JSON.stringify({ credsStore: 'reprise-no-such-helper' }));
  const lines: string[] = [];
  const ctx = {
    // port 9 on loopback: nothing listens, the registry fails at once
    project: { versioned: [{ name: 'api', repository: '127.0.0.1:9/demo/api' }] },
    env: { DOCKER_CONFIG: config, PATH: '/nonexistent' },
    lang: 'en',
    out: { line: (s: string) => lines.push(s), warn: (s: string) => lines.push(s) },
  } as unknown as OpContext;
  const tags = await registryTags(ctx);
  assert.equal(tags.size, 0);
  assert.ok(
    lines.some((l) => /^warning: the credentials for 127\.0\.0\.1:9 could not be read \(the credential helper docker-credential-reprise-no-such-helper .*is not on PATH/.test(l)),
    lines.join('\n'),
  );
  assert.ok(lines.some((l) => /tags of the registry 127\.0\.0\.1:9 could not be read/.test(l)), lines.join('\n'));
});
