// permissions: who may change what reprise runs as root. Anyone who can write the project directory,
// reprise.yml, the compose files, the hook scripts or .reprise/ can make the next release run their
// commands (hooks, compose), so another user's write access there is a failure.
import { worst, type CheckStatus, type Judgement } from './check';
import { modeString } from './env-files';

export interface PathFacts {
  path: string;
  /** what it is to reprise */
  role: 'project_dir' | 'config' | 'compose' | 'hook' | 'state_dir';
  /** null: absent (not judged) */
  uid: number | null;
  mode: number | null;
  /** a symbolic link: judged by its target, said in the details */
  link: boolean;
}

/** fail: writable by group or others, or owned by a user other than the one running reprise or root. */
export function pathStatus(p: PathFacts, me: number): CheckStatus {
  if (p.mode === null || p.uid === null) return 'ok';
  if ((p.mode & 0o022) !== 0) return 'fail';
  if (p.uid !== me && p.uid !== 0) return 'fail';
  return 'ok';
}

export function judgePermissions(paths: PathFacts[], me: number): Judgement {
  const present = paths.filter((p) => p.mode !== null);
  let status: CheckStatus = 'ok';
  const details = present.map((p) => {
    const s = pathStatus(p, me);
    status = worst(status, s);
    return { path: p.path, role: p.role, mode: modeString(p.mode!), uid: p.uid, link: p.link, status: s };
  });
  const bad = details.filter((d) => d.status !== 'ok');
  if (bad.length === 0) return { status, summary: ['doctorPermissionsOk', { count: present.length }], fix: null, details: { paths: details } };
  const list = bad.map((d) => `${d.path} (${d.mode}, uid ${d.uid})`).join(', ');
  return { status, summary: ['doctorPermissionsWritable', { list }], fix: ['doctorPermissionsFix', {}], details: { paths: details } };
}
