// Errors reaching the Docker engine and compose (SPEC §5): endpoint, context, API version.
import type { Entry } from './entry';

export const dockerMessages = {
  dockerUnavailable: {
    en: 'The Docker engine is not reachable: {reason}',
    fr: 'Le moteur Docker est injoignable : {reason}',
    hint: { en: 'Start it (`bash scripts/setup.sh`, or `dockerd &`) and check `docker info`.', fr: 'Démarrez-le (`bash scripts/setup.sh`, ou `dockerd &`) et vérifiez `docker info`.' },
  },
  dockerEndpointUnsupported: {
    en: 'The Docker engine address "{value}" (from {origin}) is not one reprise can reach: it supports unix://PATH, tcp://HOST[:PORT] (TLS with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH) and ssh://[USER@]HOST[:PORT].',
    fr: 'L\'adresse de moteur Docker « {value} » (venant de {origin}) n\'est pas joignable par reprise : il prend en charge unix://CHEMIN, tcp://HÔTE[:PORT] (TLS avec DOCKER_TLS_VERIFY et DOCKER_CERT_PATH) et ssh://[UTILISATEUR@]HÔTE[:PORT].',
    hint: {
      en: 'Point DOCKER_HOST (or the docker context) at one of those, for example unix:///var/run/docker.sock or ssh://deploy@server, and check with `docker info`; nothing was changed.',
      fr: 'Faites pointer DOCKER_HOST (ou le contexte docker) vers l\'une de ces formes, par exemple unix:///var/run/docker.sock ou ssh://deploy@serveur, et vérifiez avec `docker info` ; rien n\'a été modifié.',
    },
  },
  dockerContextMissing: {
    en: 'The docker context "{name}" (from {origin}) does not exist: no {file}.',
    fr: 'Le contexte docker « {name} » (venant de {origin}) n\'existe pas : pas de {file}.',
    hint: {
      en: '`docker context ls` lists the contexts: name one of them, create it (`docker context create {name} --docker host=…`), or unset it; nothing was changed.',
      fr: '`docker context ls` liste les contextes : indiquez-en un, créez celui-ci (`docker context create {name} --docker host=…`), ou retirez-le ; rien n\'a été modifié.',
    },
  },
  dockerEndpointUnreadable: {
    en: 'Cannot tell which Docker engine to use: {file} (from {origin}) cannot be read: {reason}.',
    fr: 'Impossible de savoir quel moteur Docker utiliser : {file} (venant de {origin}) est illisible : {reason}.',
    hint: {
      en: 'Repair that file or folder (`docker context inspect` reads the same ones), or set DOCKER_HOST explicitly; nothing was changed.',
      fr: 'Réparez ce fichier ou ce dossier (`docker context inspect` lit les mêmes), ou fixez DOCKER_HOST explicitement ; rien n\'a été modifié.',
    },
  },
  dockerApiNoCommonVersion: {
    en: 'The Docker engine at {endpoint} speaks API {daemonMin} to {daemonMax} and reprise speaks {clientMin} to {clientMax}: no version in common. Upgrade reprise, use an engine whose API range overlaps {clientMin}–{clientMax}, or set DOCKER_API_VERSION to a version the engine accepts.',
    fr: 'Le moteur Docker sur {endpoint} parle l\'API {daemonMin} à {daemonMax} et reprise parle {clientMin} à {clientMax} : aucune version commune. Mettez reprise à jour, utilisez un moteur dont l\'API recoupe {clientMin}–{clientMax}, ou fixez DOCKER_API_VERSION à une version que le moteur accepte.',
    hint: { en: 'Compare with `docker version` (Server: "API version" and "minimum version"); nothing was changed.', fr: 'Comparez avec `docker version` (Server : « API version » et « minimum version ») ; rien n\'a été modifié.' },
  },
  dockerApiTooOld: {
    en: 'The Docker engine at {endpoint} refuses API {version} set by DOCKER_API_VERSION: its minimum is {daemonMin} (reprise speaks {clientMin} to {clientMax}). Unset DOCKER_API_VERSION so that reprise picks a version both accept, or set it to {daemonMin} or newer.',
    fr: 'Le moteur Docker sur {endpoint} refuse l\'API {version} fixée par DOCKER_API_VERSION : son minimum est {daemonMin} (reprise parle {clientMin} à {clientMax}). Retirez DOCKER_API_VERSION pour que reprise choisisse une version acceptée des deux côtés, ou fixez-la à {daemonMin} ou plus.',
    hint: { en: 'See what the engine accepts with `docker version`; nothing was changed.', fr: 'Voyez ce que le moteur accepte avec `docker version` ; rien n\'a été modifié.' },
  },
  dockerApiTooNew: {
    en: 'The Docker engine at {endpoint} refuses API {version} set by DOCKER_API_VERSION: its maximum is {daemonMax} (reprise speaks {clientMin} to {clientMax}). Unset DOCKER_API_VERSION so that reprise picks a version both accept, or set it to {daemonMax} or older.',
    fr: 'Le moteur Docker sur {endpoint} refuse l\'API {version} fixée par DOCKER_API_VERSION : son maximum est {daemonMax} (reprise parle {clientMin} à {clientMax}). Retirez DOCKER_API_VERSION pour que reprise choisisse une version acceptée des deux côtés, ou fixez-la à {daemonMax} ou moins.',
    hint: { en: 'See what the engine accepts with `docker version`; nothing was changed.', fr: 'Voyez ce que le moteur accepte avec `docker version` ; rien n\'a été modifié.' },
  },
  dockerApiVersionInvalid: {
    en: 'DOCKER_API_VERSION="{value}" is not an API version (MAJOR.MINOR, for example 1.44).',
    fr: 'DOCKER_API_VERSION=« {value} » n\'est pas une version d\'API (MAJEUR.MINEUR, par exemple 1.44).',
    hint: { en: 'Unset DOCKER_API_VERSION to let reprise choose, or set it like `DOCKER_API_VERSION=1.44`; nothing was changed.', fr: 'Retirez DOCKER_API_VERSION pour laisser reprise choisir, ou fixez-la ainsi : `DOCKER_API_VERSION=1.44` ; rien n\'a été modifié.' },
  },
  composeUnavailable: {
    en: 'Neither `docker compose` (v2) nor `docker-compose` (v1) is installed.',
    fr: 'Ni `docker compose` (v2) ni `docker-compose` (v1) n\'est installé.',
    hint: { en: 'Install one (`bash scripts/setup.sh` does both).', fr: 'Installez-en un (`bash scripts/setup.sh` installe les deux).' },
  },
} satisfies Record<string, Entry>;
