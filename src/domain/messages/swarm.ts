// Swarm engine (engine: swarm): choosing the engine, swarm's errors and its doctor checks.
import type { Entry } from './entry';

export const swarmMessages = {
  engineUnknown: {
    en: 'Unknown engine "{engine}" (known: {known}).',
    fr: 'Moteur inconnu « {engine} » (connus : {known}).',
    hint: { en: 'Use --engine compose|swarm, REPRISE_ENGINE, or `engine:` in reprise.yml.', fr: 'Utilisez --engine compose|swarm, REPRISE_ENGINE, ou `engine:` dans reprise.yml.' },
  },
  swarmInactive: {
    en: 'This Docker engine is not part of a swarm (state: {state}): the swarm engine deploys with `docker stack deploy`.',
    fr: 'Ce moteur Docker ne fait pas partie d\'un swarm (état : {state}) : le moteur swarm déploie avec `docker stack deploy`.',
    hint: {
      en: 'Create one (`docker swarm init --advertise-addr ADDRESS`) or join one, or use the compose engine (`--engine compose`).',
      fr: 'Créez-en un (`docker swarm init --advertise-addr ADRESSE`) ou rejoignez-en un, ou utilisez le moteur compose (`--engine compose`).',
    },
  },
  swarmNotManager: {
    en: 'This Docker engine is a swarm worker: only a manager can deploy a stack and read its services.',
    fr: 'Ce moteur Docker est un nœud worker du swarm : seul un manager peut déployer une pile et lire ses services.',
    hint: { en: 'Run reprise on a manager node (`docker node ls` there lists the managers), or point DOCKER_HOST at one.', fr: 'Lancez reprise sur un nœud manager (`docker node ls` y liste les managers), ou pointez DOCKER_HOST vers l\'un d\'eux.' },
  },
  swarmUnavailable: {
    en: 'Swarm does not answer: {reason}',
    fr: 'Swarm ne répond pas : {reason}',
    hint: {
      en: '`docker node ls` tells whether the swarm has a leader; `docker swarm init` creates one on a host that is in none; or use `--engine compose`.',
      fr: '`docker node ls` dit si le swarm a un leader ; `docker swarm init` en crée un sur un hôte qui n\'en a pas ; ou utilisez `--engine compose`.',
    },
  },
  swarmCliMissing: {
    en: 'The docker client "{program}" cannot run `docker stack deploy`.',
    fr: 'Le client docker « {program} » ne sait pas lancer `docker stack deploy`.',
    hint: { en: 'Install the docker CLI (Debian package docker.io, or `bash scripts/setup.sh`), or name one with REPRISE_DOCKER_CLI.', fr: 'Installez le client docker (paquet Debian docker.io, ou `bash scripts/setup.sh`), ou indiquez-en un avec REPRISE_DOCKER_CLI.' },
  },
  doctorSwarmOk: {
    en: 'active swarm, this engine is a manager; {nodes} node(s), {managers} manager(s); `{program} stack deploy` available',
    fr: 'swarm actif, ce moteur en est un manager ; {nodes} nœud(s), {managers} manager(s) ; `{program} stack deploy` disponible',
  },
  doctorSwarmInactive: { en: 'this engine is not part of a swarm (state: {state})', fr: 'ce moteur ne fait pas partie d\'un swarm (état : {state})' },
  doctorSwarmInactiveFix: {
    en: 'Create a swarm (`docker swarm init --advertise-addr ADDRESS`, 127.0.0.1 for one host) or join one; or use `--engine compose`.',
    fr: 'Créez un swarm (`docker swarm init --advertise-addr ADRESSE`, 127.0.0.1 pour un seul hôte) ou rejoignez-en un ; ou utilisez `--engine compose`.',
  },
  doctorSwarmWorker: { en: 'this engine is a swarm worker: stacks are deployed from a manager', fr: 'ce moteur est un worker du swarm : les piles se déploient depuis un manager' },
  doctorSwarmWorkerFix: { en: 'Run reprise on a manager node, or point DOCKER_HOST at one.', fr: 'Lancez reprise sur un nœud manager, ou pointez DOCKER_HOST vers l\'un d\'eux.' },
  doctorSwarmCli: { en: '`{program} stack deploy` does not run', fr: '`{program} stack deploy` ne fonctionne pas' },
  doctorSwarmCliFix: { en: 'Install the docker CLI (Debian: docker.io), or name one with REPRISE_DOCKER_CLI.', fr: 'Installez le client docker (Debian : docker.io), ou indiquez-en un avec REPRISE_DOCKER_CLI.' },
  doctorSwarmWarnings: { en: 'swarm: {list}', fr: 'swarm : {list}' },
  doctorSwarmFixes: { en: '{list}', fr: '{list}' },
  doctorSwarmNodesDown: { en: 'nodes not ready or not active: {nodes}', fr: 'nœuds pas prêts ou pas actifs : {nodes}' },
  doctorSwarmNodesDownFix: { en: '`docker node ls`, then `docker node update --availability active NODE` or repair the node', fr: '`docker node ls`, puis `docker node update --availability active NŒUD` ou réparez le nœud' },
  doctorSwarmMultiNode: {
    en: '{count} nodes: images are built locally, so every node that may run a task needs every version\'s images',
    fr: '{count} nœuds : les images sont construites localement, chaque nœud pouvant lancer une tâche doit avoir les images de chaque version',
  },
  doctorSwarmMultiNodeFix: {
    en: 'push the versions to a registry every node reaches (image: registry.example.org/recyclic-api:${API_IMAGE_TAG}), or `docker save … | ssh NODE docker load` for each version, or pin the services to this node (deploy.placement.constraints)',
    fr: 'poussez les versions vers un registre que chaque nœud atteint (image: registry.example.org/recyclic-api:${API_IMAGE_TAG}), ou `docker save … | ssh NŒUD docker load` pour chaque version, ou placez les services sur ce nœud (deploy.placement.constraints)',
  },
  doctorSwarmNoIpvs: {
    en: 'the kernel has no IPVS: virtual IPs and the routing mesh do not work, and these services rely on them: {services}',
    fr: 'le noyau n\'a pas IPVS : les IP virtuelles et le routing mesh ne fonctionnent pas, et ces services en dépendent : {services}',
  },
  doctorSwarmNoIpvsFix: {
    en: 'set deploy.endpoint_mode: dnsrr and publish ports with mode: host (see examples/recyclic/docker-compose.swarm.yml), or load the ip_vs module',
    fr: 'mettez deploy.endpoint_mode: dnsrr et publiez les ports en mode: host (voir examples/recyclic/docker-compose.swarm.yml), ou chargez le module ip_vs',
  },
  doctorSwarmPulls: {
    en: 'dockerd asks a registry for every image before using the local one (slow without a registry, and a public image of the same name would win)',
    fr: 'dockerd interroge un registre pour chaque image avant d\'utiliser la locale (lent sans registre, et une image publique du même nom l\'emporterait)',
  },
  doctorSwarmPullsFix: {
    en: 'start dockerd with DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 in its environment (`bash scripts/setup.sh` does), or use a registry',
    fr: 'démarrez dockerd avec DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 dans son environnement (`bash scripts/setup.sh` le fait), ou utilisez un registre',
  },
} satisfies Record<string, Entry>;
