import { RepriseError } from '../../domain/errors';
import { run } from '../process/run';

/** The 7-character SHA of HEAD in dir: the default version of `deploy`. */
export async function currentGitVersion(dir: string): Promise<string> {
  let r;
  try {
    r = await run('git', ['rev-parse', '--short=7', 'HEAD'], { cwd: dir, timeoutMs: 10_000 });
  } catch (e) {
    throw new RepriseError('GIT_UNAVAILABLE', 'gitUnavailable', { reason: (e as Error).message });
  }
  if (r.exitCode !== 0) {
    const reason = r.stderr.trim().split('\n')[0] || `git exit code ${r.exitCode}`;
    throw new RepriseError('GIT_UNAVAILABLE', 'gitUnavailable', { reason });
  }
  return r.stdout.trim();
}
