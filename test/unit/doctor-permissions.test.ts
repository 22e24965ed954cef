// Issue 20 item 13: anyone who can write the project directory, reprise.yml, the compose files, the hook
// scripts or .reprise/ runs commands as root through hooks and compose: doctor fails when another user can.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { judgePermissions, type PathFacts } from '../../src/domain/doctor';
import { loadProject } from '../../src/config/project';
import { permissionsRow } from '../../src/commands/doctor/rows-files';
import type { WithProject } from '../../src/commands/doctor/table';

const me = 1000;
const path = (o: Partial<PathFacts>): PathFacts => ({ path: '/srv/app/reprise.yml', role: 'config', uid: me, mode: 0o644, link: false, ...o });

test('writable by the owner only, owned by the user or root: ok', () => {
  assert.equal(judgePermissions([path({}), path({ uid: 0, role: 'project_dir', mode: 0o755 })], me).status, 'ok');
});

test('group- or world-writable, or owned by another user: fail, naming the path', () => {
  for (const bad of [path({ mode: 0o664 }), path({ mode: 0o646 }), path({ uid: 1001 })]) {
    const j = judgePermissions([path({ path: '/srv/app' }), bad], me);
    assert.equal(j.status, 'fail', JSON.stringify(bad));
    assert.match(String((j.summary[1] as { list: string }).list), /reprise\.yml/);
  }
});

test('on a real project: a group-writable hook script is found and fails; fixed, the check passes', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'reprise-perm-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  chmodSync(dir, 0o755);
  mkdirSync(join(dir, 'scripts'));
  writeFileSync(join(dir, 'compose.yaml'), 'services:\n  api:\n    image: "repo/api:${API_IMAGE_TAG:-v1}"\n', { mode: 0o644 });
  writeFileSync(join(dir, 'reprise.yml'), 'project: perm\nhooks:\n  pre_deploy:\n    - sh scripts/backup.sh --quick\n', { mode: 0o644 });
  writeFileSync(join(dir, 'scripts', 'backup.sh'), 'true\n', { mode: 0o664 });
  chmodSync(join(dir, 'scripts', 'backup.sh'), 0o664);
  const project = loadProject({ projectDir: dir }, {});
  const run = (): { status: string; details: unknown } => permissionsRow.run({ project } as WithProject) as { status: string; details: unknown };
  const j = run();
  assert.equal(j.status, 'fail');
  assert.ok((j.details as { paths: Array<{ path: string; role: string; status: string }> }).paths.some((p) => p.role === 'hook' && p.path.endsWith('backup.sh') && p.status === 'fail'));
  chmodSync(join(dir, 'scripts', 'backup.sh'), 0o755);
  assert.equal(run().status, 'ok');
});
