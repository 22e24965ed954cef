// Drives `docker stack deploy` (the docker CLI turns compose files into Swarm service specs; reprise never
// re-implements that). Detected once: the CLI must have `stack`; `--detach` exists only on recent clients.
import { RepriseError } from '../../domain/errors';
import { run, RunError, type RunResult } from '../../adapters/process/run';

export interface StackCli {
  program: string;
  /** the client accepts --detach (v26+), passed so it never waits on its own */
  detach: boolean;
}

/**
 * REPRISE_DOCKER_CLI names another docker client (default: `docker` on PATH). `env`: pinned to the resolved
 * engine (endpoint.ts childEnv), like every docker child process.
 */
export async function detectStackCli(env: NodeJS.ProcessEnv): Promise<StackCli> {
  const program = env.REPRISE_DOCKER_CLI || 'docker';
  let help: RunResult;
  try {
    help = await run(program, ['stack', 'deploy', '--help'], { env, timeoutMs: 15_000 });
  } catch {
    throw new RepriseError('DOCKER_UNAVAILABLE', 'swarmCliMissing', { program });
  }
  if (help.exitCode !== 0) throw new RepriseError('DOCKER_UNAVAILABLE', 'swarmCliMissing', { program });
  return { program, detach: /--detach\b/.test(help.stdout + help.stderr) };
}

export interface StackTarget {
  dir: string;
  stack: string;
}

/**
 * `docker stack deploy --resolve-image never -c F… STACK`: no registry is asked for digests (images are
 * built locally; on a cluster each node must have them). Variables reach the CLI through `env` only, which
 * is pinned to the resolved engine (endpoint.ts childEnv / withEngineOf): the stack lands where reprise reads.
 */
export async function stackDeploy(cli: StackCli, target: StackTarget, files: string[], env: NodeJS.ProcessEnv, timeoutMs = 300_000): Promise<RunResult> {
  const args = ['stack', 'deploy', '--resolve-image', 'never', ...(cli.detach ? ['--detach=true'] : []), ...files.flatMap((f) => ['-c', f]), target.stack];
  const r = await run(cli.program, args, { cwd: target.dir, env, timeoutMs });
  if (r.exitCode !== 0) throw new RunError(r);
  return r;
}
