// A container's own Docker healthcheck, read from its configuration and run once through the Engine API
// exec (adapters/docker/exec.ts), as Docker runs it: the same command, Docker's outcome for a timeout.
import { DockerApiError, type DockerApi } from '../../adapters/docker/api';
import { containerUnavailable, execInContainer } from '../../adapters/docker/exec';
import { healthcheckOf, type ContainerHealthConfig, type HealthcheckDefinition, type HealthcheckRun } from '../../domain/healthcheck';

/** The container's healthcheck with Docker's defaults; null without one, or when the container is gone. */
export async function containerHealthcheck(api: DockerApi, id: string): Promise<HealthcheckDefinition | null> {
  try {
    const doc = await api.get<{ Config?: ContainerHealthConfig }>(`/containers/${encodeURIComponent(id)}/json`);
    return healthcheckOf(doc.Config);
  } catch (e) {
    if (e instanceof DockerApiError && e.status === 404) return null;
    throw e;
  }
}

/**
 * One run of the check's command. A run that exceeds `timeoutMs` is a failure with Docker's own words; an
 * engine refusing the exec (other than a stopped or gone container) is a failure with its message, as Docker
 * counts it. null when the container cannot run commands now (stopped, gone) or `signal` gave the run up.
 */
export async function runContainerHealthcheck(api: DockerApi, id: string, check: HealthcheckDefinition, timeoutMs: number, signal?: AbortSignal): Promise<HealthcheckRun | null> {
  const started = Date.now();
  try {
    const r = await execInContainer(api, id, check.command, { timeoutMs, signal });
    if (signal?.aborted) return null;
    if (r.timedOut) return { exitCode: -1, output: `Health check exceeded timeout (${Math.round(timeoutMs / 100) / 10}s)`, durationMs: r.durationMs };
    return { exitCode: r.exitCode ?? -1, output: r.output, durationMs: r.durationMs };
  } catch (e) {
    if (containerUnavailable(e) || signal?.aborted) return null;
    if (e instanceof DockerApiError) return { exitCode: -1, output: e.message, durationMs: Date.now() - started };
    throw e;
  }
}
