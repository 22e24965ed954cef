// Configuration history (issue 5): `history --show` and `rollback --with-config`.
import type { Entry } from './entry';

export const configHistoryMessages = {
  configSnapshotFailed: {
    en: 'warning: the configuration of this release could not be recorded ({reason}); the release goes on',
    fr: 'attention : la configuration de cette release n\'a pas pu être enregistrée ({reason}) ; la release continue',
  },
  configSecretFileMissing: {
    en: 'The recorded {path} held a secret: its whole text was kept in {file}, which is missing or changed. Nothing was changed.',
    fr: 'Le fichier {path} enregistré contenait un secret : son texte complet était gardé dans {file}, absent ou modifié. Rien n\'a été modifié.',
    hint: { en: 'Roll back without --with-config and restore the file by hand (`reprise history --show ID` shows it, masked).', fr: 'Revenez en arrière sans --with-config et rétablissez le fichier à la main (`reprise history --show ID` le montre, masqué).' },
  },
  releaseNotFound: {
    en: 'No release #{id} in project {project}.',
    fr: 'Aucune release n° {id} dans le projet {project}.',
    hint: { en: '`reprise history` lists the releases with their ids (#N).', fr: '`reprise history` liste les releases avec leur numéro (#N).' },
  },
  configShowHeader: {
    en: 'Release #{id}: {kind} {from} → {version}, {outcome}, started {at}',
    fr: 'Release n° {id} : {kind} {from} → {version}, {outcome}, démarrée le {at}',
  },
  configShowNotRecorded: {
    en: 'No configuration was recorded for release #{id} (made before configuration history, or the snapshot failed).',
    fr: 'Aucune configuration enregistrée pour la release n° {id} (antérieure à l\'historique de configuration, ou instantané en échec).',
  },
  configShowComparedWith: {
    en: 'Compared with release #{id} ({kind} {version}):',
    fr: 'Comparée à la release n° {id} ({kind} {version}) :',
  },
  configShowFirst: {
    en: 'First recorded configuration of this project: every file is new.',
    fr: 'Première configuration enregistrée de ce projet : tous les fichiers sont nouveaux.',
  },
  configShowUnchanged: {
    en: 'The configuration did not change.',
    fr: 'La configuration n\'a pas changé.',
  },
  configFileUnchanged: { en: '{path}: unchanged', fr: '{path} : inchangé' },
  configFileAdded: { en: '{path}: added', fr: '{path} : ajouté' },
  configFileRemoved: { en: '{path}: removed', fr: '{path} : supprimé' },
  configFileChanged: { en: '{path}: changed', fr: '{path} : modifié' },
  configEnvUnchanged: { en: '{path} (env file): unchanged', fr: '{path} (fichier env) : inchangé' },
  configEnvAdded: { en: '{path} (env file): added (values not shown)', fr: '{path} (fichier env) : ajouté (valeurs non affichées)' },
  configEnvRemoved: { en: '{path} (env file): removed', fr: '{path} (fichier env) : supprimé' },
  configEnvChanged: { en: '{path} (env file): changed (values not shown)', fr: '{path} (fichier env) : modifié (valeurs non affichées)' },
  configEnvKeys: {
    en: '  keys added: {added}; removed: {removed}; value changed: {changed}',
    fr: '  clés ajoutées : {added} ; supprimées : {removed} ; valeur modifiée : {changed}',
  },
  configServicesSummary: {
    en: 'Service definitions — changed: {changed}; added: {added}; removed: {removed}',
    fr: 'Définitions de services — modifiées : {changed} ; ajoutées : {added} ; supprimées : {removed}',
  },
  configNoSnapshot: {
    en: 'No configuration snapshot is recorded for version {version} (no successful release of it since configuration history exists): its compose file(s) cannot be restored. Nothing was changed.',
    fr: 'Aucun instantané de configuration n\'est enregistré pour la version {version} (aucune release réussie depuis l\'historique de configuration) : ses fichiers compose ne peuvent pas être restaurés. Rien n\'a été modifié.',
    hint: { en: 'Roll back without --with-config, or restore the compose file(s) by hand (`reprise history --show ID` shows past changes).', fr: 'Faites le rollback sans --with-config, ou restaurez les fichiers compose à la main (`reprise history --show ID` montre les changements passés).' },
  },
  configFilesDiffer: {
    en: 'Release #{id} ({version}) used the compose file(s) {then}, the project now uses {now}: reprise does not change the list of compose files. Nothing was changed.',
    fr: 'La release n° {id} ({version}) utilisait les fichiers compose {then}, le projet utilise maintenant {now} : reprise ne change pas la liste des fichiers compose. Rien n\'a été modifié.',
    hint: { en: 'Put the file list back in reprise.yml (compose_files) or with -f, then try again.', fr: 'Remettez la liste de fichiers dans reprise.yml (compose_files) ou avec -f, puis recommencez.' },
  },
  configRestoreNothing: {
    en: 'Configuration: the compose file(s) of release #{id} ({version}) are the ones in place; nothing to restore.',
    fr: 'Configuration : les fichiers compose de la release n° {id} ({version}) sont ceux en place ; rien à restaurer.',
  },
  configRestorePlan: {
    en: 'Configuration: restoring the compose file(s) of release #{id} ({version}): {files}',
    fr: 'Configuration : restauration des fichiers compose de la release n° {id} ({version}) : {files}',
  },
  configRestoreServices: {
    en: '  recreated because their definition changes: {services}',
    fr: '  recréés car leur définition change : {services}',
  },
  configOrphans: {
    en: 'warning: {services} not defined in the restored compose file(s): left running; remove with `docker compose up -d --remove-orphans` if they must go',
    fr: 'attention : {services} absent(s) des fichiers compose restaurés : laissé(s) en marche ; supprimez avec `docker compose up -d --remove-orphans` si nécessaire',
  },
  configTopLevel: {
    en: '  top-level sections that differ (applied with the services that use them): {keys}',
    fr: '  sections de premier niveau différentes (appliquées avec les services qui les utilisent) : {keys}',
  },
  configRestored: {
    en: 'Compose file(s) restored from release #{id}: {files}; the replaced files are kept in {backup}',
    fr: 'Fichiers compose restaurés depuis la release n° {id} : {files} ; les fichiers remplacés sont conservés dans {backup}',
  },
  configPutBack: {
    en: 'The rollback failed: compose file(s) put back as they were ({files})',
    fr: 'Le rollback a échoué : fichiers compose remis comme avant ({files})',
  },
} satisfies Record<string, Entry>;
