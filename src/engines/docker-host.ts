// The Docker engine the environment points at, as doctor reports it: where it is, whether it answers (its
// version and API range), and the compose reprise drives beside it. Needs no project.
import type { DockerApi } from '../adapters/docker/api';
import { DEFAULT_SOCKET, type ResolvedEndpoint } from '../adapters/docker/endpoint';
import { RunError } from '../adapters/process/run';
import type { ComposeFilesVerdict, ComposeTool, DaemonReading, EngineWhere } from '../domain/doctor';
import { isRepriseError, type RepriseError } from '../domain/errors';
import { ComposeRunner, detectCompose, type ComposeCli } from './compose/compose-cli';
import type { HostDiagnostics } from './diagnostics';
import type { ComposeProject } from './target';

export function whereOf(e: ResolvedEndpoint): EngineWhere {
  return {
    kind: e.kind,
    url: e.url,
    source: e.source,
    context: e.context,
    local: e.local,
    remote: e.remote,
    defaultSocket: e.kind === 'unix' && e.socketPath === DEFAULT_SOCKET,
    description: e.description,
  };
}

export class DockerHost implements HostDiagnostics {
  private detected: Promise<ComposeCli> | null = null;

  constructor(
    readonly where: EngineWhere | null,
    /** null when the endpoint is refused (`refusal` says why) */
    private readonly api: DockerApi | null,
    private readonly refusal: RepriseError | null,
    /** pinned to the engine (endpoint.ts childEnv) when there is one: compose goes where reprise reads */
    private readonly env: NodeJS.ProcessEnv,
    private readonly composeTimeoutMs: number,
  ) {}

  daemon(): Promise<DaemonReading> {
    if (!this.api) return Promise.resolve({ error: this.refusal!.message, refusal: this.refusal! });
    return daemonReading(this.api);
  }

  async composeTool(): Promise<ComposeTool> {
    const cli = await this.detect();
    return { flavour: cli.flavour, version: cli.version, command: [cli.program, ...cli.prefix].join(' ') };
  }

  /** compose itself validates the project's files (what the raw reader of reprise does not check). */
  async composeFiles(p: ComposeProject): Promise<ComposeFilesVerdict> {
    const runner = new ComposeRunner(await this.detect(), { dir: p.dir, project: p.name, files: p.composeFiles, envFiles: p.envFiles }, this.env, this.composeTimeoutMs);
    try {
      await runner.exec(['config', '-q'], {});
      return { valid: true };
    } catch (e) {
      const reason = e instanceof RunError ? (e.result.stderr || e.result.stdout).trim().split('\n').slice(-3).join(' | ') : (e as Error).message;
      return { valid: false, reason };
    }
  }

  private detect(): Promise<ComposeCli> {
    this.detected ??= detectCompose(this.env);
    return this.detected;
  }
}

/**
 * The daemon's version, API range and data root. `refusal`: an error with its own line and fix, not "the
 * engine does not answer" (no API version in common, DOCKER_API_VERSION invalid or refused by the engine).
 */
async function daemonReading(api: DockerApi): Promise<DaemonReading> {
  try {
    const n = await api.versions();
    if (!n.ok) throw api.refusal(n);
    // versioned: a DOCKER_API_VERSION the engine refuses is the clear DOCKER_UNAVAILABLE line here
    const v = await api.get<{ Version?: string; Os?: string; Arch?: string }>('/version');
    let info: { DockerRootDir?: string; NCPU?: number; MemTotal?: number; Warnings?: string[] | null } = {};
    try {
      info = await api.get('/info');
    } catch {
      // /version answered: the engine is up; the data root stays unknown
    }
    return {
      version: v.Version ?? '?',
      apiVersion: n.daemon.max,
      minApiVersion: n.daemon.min,
      clientApiVersion: n.version,
      apiVersionSource: n.source,
      os: v.Os ?? '?',
      arch: v.Arch ?? '?',
      rootDir: info.DockerRootDir ?? null,
      ncpu: info.NCPU ?? null,
      memTotal: info.MemTotal ?? null,
      warnings: info.Warnings ?? [],
    };
  } catch (e) {
    if (isRepriseError(e) && e.key !== 'dockerUnavailable') return { error: e.message, refusal: e };
    return { error: isRepriseError(e) ? String(e.params.reason ?? e.message) : (e as Error).message };
  }
}
