// Env files: the tag lines kept in step with what runs (sync_env_file), and .env.rollback.
import type { Entry } from './entry';

export const envFileMessages = {
  envFilesCompose: {
    en: '{command} {version} reads a single --env-file, and this project has {count}: {files}.',
    fr: '{command} {version} ne lit qu\'un seul --env-file, et ce projet en a {count} : {files}.',
    hint: {
      en: 'Use compose v2.17 or later (`docker compose`; REPRISE_COMPOSE=v2), or merge the files into one and name it in `env_file:` of reprise.yml; nothing was changed.',
      fr: 'Utilisez compose v2.17 ou plus récent (`docker compose` ; REPRISE_COMPOSE=v2), ou réunissez les fichiers en un seul et nommez-le dans `env_file:` de reprise.yml ; rien n\'a été modifié.',
    },
  },
  envSyncDone: {
    en: 'Env file(s) {files}: {variables} set to {version}, so that a plain `docker compose up -d` changes nothing (only those lines were rewritten).',
    fr: 'Fichier(s) env {files} : {variables} mis à {version}, pour qu\'un simple `docker compose up -d` ne change rien (seules ces lignes ont été réécrites).',
  },
  envSyncCreated: {
    en: 'Created {file} (mode 0600) with the tag variables of {version}: compose reads it by default, so a plain `docker compose up -d` changes nothing (`sync_env_file: false` in reprise.yml turns this off).',
    fr: '{file} créé (mode 0600) avec les variables de tag de {version} : compose le lit par défaut, donc un simple `docker compose up -d` ne change rien (`sync_env_file: false` dans reprise.yml désactive ceci).',
  },
  envSyncShared: {
    en: 'Env file {file} not updated: environment(s) {others} use it too, so its tag lines cannot follow this one alone — give each environment its own env_file in reprise.yml (or set `sync_env_file: false`).',
    fr: 'Fichier env {file} non mis à jour : le(s) environnement(s) {others} l\'utilisent aussi, ses lignes de tag ne peuvent pas suivre celui-ci seul — donnez à chaque environnement son propre env_file dans reprise.yml (ou mettez `sync_env_file: false`).',
  },
  envSyncNoFile: {
    en: 'No env file holds the tag variables, so a plain `docker compose up -d` would not run {version}: give this environment ({environment}) its own env_file in reprise.yml (or set `sync_env_file: false`).',
    fr: 'Aucun fichier env ne porte les variables de tag, un simple `docker compose up -d` ne lancerait donc pas {version} : donnez à cet environnement ({environment}) son propre env_file dans reprise.yml (ou mettez `sync_env_file: false`).',
  },
  envSyncFailed: {
    en: 'The tag lines of the env file could not be updated ({problem}); the release itself succeeded — `reprise doctor` shows what differs.',
    fr: 'Les lignes de tag du fichier env n\'ont pas pu être mises à jour ({problem}) ; la mise en production elle-même a réussi — `reprise doctor` montre ce qui diffère.',
  },
  envRollbackHeaderPrevious: {
    en: '# reprise: {file} holds the previous good version to return to, {version} (running now: {current}); `docker compose --env-file {file} up -d` brings it back with every other variable of the env file(s)',
    fr: '# reprise : {file} contient la version précédente valide vers laquelle revenir, {version} (en service : {current}) ; `docker compose --env-file {file} up -d` la remet en place avec toutes les autres variables du ou des fichiers d\'environnement',
  },
  envRollbackHeaderFirst: {
    en: '# reprise: no previous good version to return to (no other version has been released successfully yet): {file} holds the running version, {version}, so that `docker compose --env-file {file} up -d` keeps it',
    fr: '# reprise : aucune version précédente valide vers laquelle revenir (aucune autre version n\'a encore été mise en service avec succès) : {file} contient la version en service, {version}, pour que `docker compose --env-file {file} up -d` la conserve',
  },
  envRollbackHeaderExcluded: {
    en: '# reprise: no previous good version to return to (the other versions released, {versions}, were rolled back from or failed since: never picked by themselves — `reprise rollback VERSION` names one): {file} holds the running version, {version}, so that `docker compose --env-file {file} up -d` keeps it',
    fr: '# reprise : aucune version précédente valide vers laquelle revenir (les autres versions mises en service, {versions}, ont été quittées par un rollback ou ont échoué depuis : jamais choisies d\'office — `reprise rollback VERSION` en désigne une) : {file} contient la version en service, {version}, pour que `docker compose --env-file {file} up -d` la conserve',
  },
  envRollbackTagsPrevious: {
    en: '# reprise: image tags of the previous good version ({version})',
    fr: '# reprise : tags d\'image de la version précédente valide ({version})',
  },
  envRollbackTagsRunning: {
    en: '# reprise: image tags of the running version ({version}): there is no previous good version',
    fr: '# reprise : tags d\'image de la version en service ({version}) : il n\'y a pas de version précédente valide',
  },
  envRollbackRestored: {
    en: '{file} was missing or named another version: written again ({version}); reprise keeps it after every release',
    fr: '{file} était absent ou désignait une autre version : réécrit ({version}) ; reprise le tient à jour après chaque mise en service',
  },
  envRollbackWarning: {
    en: 'warning: could not write .env.rollback: {problem}',
    fr: 'attention : impossible d\'écrire .env.rollback : {problem}',
  },
} satisfies Record<string, Entry>;
