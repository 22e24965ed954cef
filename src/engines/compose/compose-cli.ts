// Drives compose through its own CLI: `docker compose` (v2 plugin) or `docker-compose` (v1), detected.
import { RepriseError } from '../../domain/errors';
import { run, RunError, type RunResult } from '../../adapters/process/run';
import { withEngineOf } from '../../adapters/docker/endpoint';
import type { ToolCache } from '../../adapters/fs/tool-cache';
import { composeProgramsFingerprint } from '../../adapters/process/program-fingerprint';

export interface ComposeCli {
  readonly flavour: 'v1' | 'v2';
  readonly version: string;
  /** program and leading arguments, e.g. ['docker', ['compose']] */
  readonly program: string;
  readonly prefix: string[];
}

async function probe(program: string, args: string[], env: NodeJS.ProcessEnv): Promise<string | null> {
  try {
    const r = await run(program, args, { env, timeoutMs: 15_000 });
    if (r.exitCode !== 0) return null;
    return r.stdout.trim().split('\n')[0].replace(/^v/, '');
  } catch {
    return null;
  }
}

const VERSION_TEXT = /^[0-9A-Za-z][0-9A-Za-z.+-]{0,39}$/;

function cliOf(flavour: 'v1' | 'v2', version: string): ComposeCli {
  return flavour === 'v2' ? { flavour, version, program: 'docker', prefix: ['compose'] } : { flavour, version, program: 'docker-compose', prefix: [] };
}

/**
 * REPRISE_COMPOSE=v1|v2 forces one; otherwise v2 is preferred when present. `env`: the environment pinned
 * to the resolved engine (endpoint.ts childEnv), so that the docker CLI never loads another context.
 * With `cache` (the project's .reprise/tools.json), the answer is reused while the programs it depends on are
 * unchanged (same PATH, same files): only the flavour and version are kept, the program is never read back.
 */
export async function detectCompose(env: NodeJS.ProcessEnv, cache?: ToolCache): Promise<ComposeCli> {
  if (!cache) return detectNow(env);
  const fingerprint = composeProgramsFingerprint(env);
  const kept = cache.get<{ flavour?: unknown; version?: unknown }>('compose', fingerprint);
  if (kept && (kept.flavour === 'v1' || kept.flavour === 'v2') && typeof kept.version === 'string' && VERSION_TEXT.test(kept.version)) {
    return cliOf(kept.flavour, kept.version);
  }
  const cli = await detectNow(env);
  cache.set('compose', fingerprint, { flavour: cli.flavour, version: cli.version });
  return cli;
}

async function detectNow(env: NodeJS.ProcessEnv): Promise<ComposeCli> {
  const forced = env.REPRISE_COMPOSE;
  if (forced !== 'v1') {
    const v = await probe('docker', ['compose', 'version', '--short'], env);
    if (v) return cliOf('v2', v);
  }
  if (forced !== 'v2') {
    const v = await probe('docker-compose', ['version', '--short'], env);
    if (v) return cliOf('v1', v);
  }
  throw composeUnavailable(forced ?? null);
}

/** No compose to drive (`forced`: REPRISE_COMPOSE, null when unset). */
export function composeUnavailable(forced: string | null): RepriseError {
  return new RepriseError('COMPOSE_UNAVAILABLE', 'composeUnavailable', {}, { forced });
}

export interface ComposeTarget {
  dir: string;
  project: string;
  files: string[];
  /** the project's env files in order: one `--env-file` each */
  envFiles: string[];
}

/**
 * Whether this compose reads several `--env-file` (compose v2.17 and later; before, v2 kept only the last one,
 * and v1 takes a single one). A project with several env files refuses the others with one clear line rather
 * than merge them into a temporary copy of its secrets (README "Compose v1 and v2").
 */
export function takesSeveralEnvFiles(cli: Pick<ComposeCli, 'flavour' | 'version'>): boolean {
  if (cli.flavour !== 'v2') return false;
  const m = /^(\d+)\.(\d+)/.exec(cli.version);
  return !m || Number(m[1]) > 2 || (Number(m[1]) === 2 && Number(m[2]) >= 17);
}

/** CONFIG_INVALID (nothing changed) when the project's env files are more than this compose can read. */
export function assertEnvFilesFit(cli: ComposeCli, envFiles: string[]): void {
  if (envFiles.length <= 1 || takesSeveralEnvFiles(cli)) return;
  throw new RepriseError('CONFIG_INVALID', 'envFilesCompose', { command: [cli.program, ...cli.prefix].join(' '), version: cli.version, count: envFiles.length, files: envFiles }, { files: envFiles, flavour: cli.flavour, version: cli.version });
}

/** What a compose command's output may hold (the rest is dropped from its start, see adapters/process/run.ts). */
const COMPOSE_OUTPUT_LIMIT = 16 * 1024 * 1024;

export class ComposeRunner {
  constructor(
    readonly cli: ComposeCli,
    private readonly target: ComposeTarget,
    /** pinned to the resolved engine (endpoint.ts childEnv): compose v1 and v2 write where reprise reads */
    private readonly baseEnv: NodeJS.ProcessEnv,
    private readonly timeoutMs = 300_000,
  ) {
    assertEnvFilesFit(cli, target.envFiles);
  }

  private globalArgs(): string[] {
    const args = [...this.cli.prefix];
    for (const f of this.target.envFiles) args.push('--env-file', f);
    args.push('-p', this.target.project);
    for (const f of this.target.files) args.push('-f', f);
    return args;
  }

  /** Runs a compose subcommand; tag values reach compose through the environment only. */
  async exec(sub: string[], tags: Record<string, string>): Promise<RunResult> {
    // no tag variable can move compose to another engine
    const env = withEngineOf(this.baseEnv, { ...this.baseEnv, ...tags });
    // `config` and `config --hash` are parsed whole: their output may be large (a big project's model), not endless
    const r = await run(this.cli.program, [...this.globalArgs(), ...sub], { cwd: this.target.dir, env, timeoutMs: this.timeoutMs, maxOutputBytes: COMPOSE_OUTPUT_LIMIT });
    if (r.exitCode !== 0) throw new RunError(r);
    return r;
  }
}
