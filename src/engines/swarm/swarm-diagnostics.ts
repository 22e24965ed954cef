// What doctor asks of a Swarm engine: whether it is in a swarm and a manager, its nodes, and whether the
// docker client can run `docker stack deploy`.
import type { DockerApi } from '../../adapters/docker/api';
import type { SwarmEngineFacts } from '../../domain/doctor/swarm';
import type { StackCli } from './stack-cli';
import { swarmInfo } from './swarm-reads';

interface NodeDoc {
  Description?: { Hostname?: string };
  Spec?: { Role?: string; Availability?: string };
  Status?: { State?: string };
}

/** `cli`: the engine's (memoised) detection of the stack client; `env`: pinned to the engine (childEnv). */
export async function swarmEngineFacts(api: DockerApi, env: NodeJS.ProcessEnv, cli: () => Promise<StackCli>): Promise<SwarmEngineFacts> {
  const info = await swarmInfo(api);
  const nodes = info.manager
    ? (await api.get<NodeDoc[]>('/nodes')).map((n) => ({
        hostname: n.Description?.Hostname ?? '?',
        role: n.Spec?.Role ?? '?',
        state: n.Status?.State ?? '?',
        availability: n.Spec?.Availability ?? '?',
      }))
    : null;
  const program = env.REPRISE_DOCKER_CLI || 'docker';
  const found = await cli().then(
    () => true,
    () => false,
  );
  return { state: info.state, manager: info.manager, nodes, cli: found, cliProgram: program };
}
