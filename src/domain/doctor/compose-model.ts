// The parts of a compose service the doctor's judgements read (structural: the compose file's model fits).

export interface ComposeServiceFacts {
  name: string;
  /** `restart:` as written (a one-shot outside the versioned services is `no`) */
  restart: string | null;
  /** `ports:` in their short form, as written (variables not interpolated yet) */
  ports: string[];
  containerName: string | null;
  /** what `docker stack deploy` reads: host-mode published ports, deploy.endpoint_mode */
  swarm: { hostPorts: string[]; endpointMode: string | null };
}
