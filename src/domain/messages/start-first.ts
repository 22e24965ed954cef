// Zero-downtime releases: start-first behind the proxy (issue 6), or why a service is recreated.
import type { Entry } from './entry';

export const startFirstMessages = {
  strategyStartFirst: { en: ' — start-first (zero downtime)', fr: ' — start-first (sans coupure)' },
  strategyRecreate: { en: ' — recreate: {why}', fr: ' — recréation : {why}' },
  strategySwarmStartFirst: { en: ' — start-first (Swarm starts the new task before stopping the old one)', fr: ' — start-first (Swarm démarre la nouvelle tâche avant d\'arrêter l\'ancienne)' },
  strategySwarmStopFirst: { en: ' — stop-first: {why}', fr: ' — stop-first : {why}' },
  reasonConfigured: { en: 'strategy: recreate in reprise.yml', fr: 'strategy: recreate dans reprise.yml' },
  reasonOneShot: { en: 'one-shot service', fr: 'service ponctuel' },
  reasonContainerName: { en: 'fixed container_name {detail}', fr: 'container_name fixe {detail}' },
  reasonPublishedPorts: { en: 'fixed host port {detail}', fr: 'port hôte fixe {detail}' },
  reasonNoProxy: { en: 'no proxy declared in reprise.yml', fr: 'aucun proxy déclaré dans reprise.yml' },
  reasonNotBehindProxy: { en: 'not behind the proxy ({detail})', fr: 'pas derrière le proxy ({detail})' },
  reasonProxyDown: { en: 'the proxy ({detail}) is not running', fr: 'le proxy ({detail}) ne tourne pas' },
  reasonNotRunning: { en: 'no running container to keep serving', fr: 'aucun conteneur en marche pour continuer à servir' },
  reasonSeveral: { en: '{detail} containers (left over): compose brings it back to one', fr: '{detail} conteneurs (restes) : compose le ramène à un seul' },
  reasonNoNetwork: { en: 'shares no network with the proxy', fr: 'ne partage aucun réseau avec le proxy' },
  reasonComposeChanged: {
    en: 'the compose file (or its variables) changed since the running container was created: compose recreates it with the new configuration',
    fr: 'le fichier compose (ou ses variables) a changé depuis la création du conteneur en marche : compose le recrée avec la nouvelle configuration',
  },
  reasonMoreThanImage: {
    en: 'the new version changes more than the image (the tag variable is used elsewhere in the service): compose recreates it',
    fr: 'la nouvelle version change plus que l\'image (la variable de tag sert ailleurs dans le service) : compose le recrée',
  },
  strategyFallback: { en: '  {service}: recreate instead of start-first: {why}', fr: '  {service} : recréation au lieu de start-first : {why}' },
  serviceStartingBeside: { en: '→ {service}: starting {version} beside the running container (start-first)…', fr: '→ {service} : démarrage de {version} à côté du conteneur en marche (start-first)…' },
  proxySwitched: {
    en: '✓ {service}: the proxy sends requests to {version}; the old container drained in {seconds} s and was removed',
    fr: '✓ {service} : le proxy envoie les requêtes à {version} ; l\'ancien conteneur s\'est vidé en {seconds} s et a été supprimé',
  },
  routerSwitched: {
    en: '✓ {service}: {version} took the service\'s name and container name; the old container finished its requests and was removed ({seconds} s)',
    fr: '✓ {service} : {version} a pris le nom du service et du conteneur ; l\'ancien conteneur a terminé ses requêtes et a été supprimé ({seconds} s)',
  },
  proxyDrainTimeout: {
    en: 'warning: {service}: requests still running on the old container after {seconds} s (proxy.drain_timeout): stopping it anyway',
    fr: 'attention : {service} : des requêtes tournent encore sur l\'ancien conteneur après {seconds} s (proxy.drain_timeout) : arrêt quand même',
  },
  startFirstAbandoned: {
    en: '→ {service}: the new container was removed; the running one kept serving without interruption',
    fr: '→ {service} : le nouveau conteneur a été supprimé ; celui en marche a continué de servir sans interruption',
  },
  leftoversRemoved: {
    en: '{service}: {count} container(s) left over by an interrupted release removed; {kept} kept',
    fr: '{service} : {count} conteneur(s) laissé(s) par une opération interrompue supprimé(s) ; {kept} conservé',
  },
  proxyFailed: { en: 'the proxy could not be switched: {reason}', fr: 'le proxy n\'a pas pu être basculé : {reason}' },
  proxyWarning: { en: 'warning: the proxy could not be reloaded: {reason}', fr: 'attention : le proxy n\'a pas pu être rechargé : {reason}' },
  proxyReloadPending: {
    en: 'the proxy still runs workers of its previous configuration after {seconds} s (proxy.drain_timeout)',
    fr: 'le proxy fait encore tourner des workers de sa configuration précédente après {seconds} s (proxy.drain_timeout)',
  },
  containerNotRemoved: {
    en: 'warning: {service}: a container could not be removed ({reason}); the proxy stays pinned to the one serving — remove it with `docker rm -f`',
    fr: 'attention : {service} : un conteneur n\'a pas pu être supprimé ({reason}) ; le proxy reste fixé sur celui qui sert — supprimez-le avec `docker rm -f`',
  },
  proxySwitchedUndrained: {
    en: '✓ {service}: the proxy sends requests to {version}; the old container was stopped before its requests finished ({seconds} s)',
    fr: '✓ {service} : le proxy envoie les requêtes à {version} ; l\'ancien conteneur a été arrêté avant la fin de ses requêtes ({seconds} s)',
  },
} satisfies Record<string, Entry>;
