// Data snapshots before releases (issue 22).
import type { Entry } from './entry';

export const dataMessages = {
  snapshotTaking: { en: 'Snapshot of {service} ({kind}) before the release…', fr: 'Instantané de {service} ({kind}) avant la mise en production…' },
  snapshotTakingSafety: { en: 'Safety snapshot of {service} ({kind}): the data as it is now, before the restore…', fr: 'Instantané de sécurité de {service} ({kind}) : les données telles qu\'elles sont, avant la restauration…' },
  snapshotTaken: { en: '✓ {service}: {path} ({size}, sha256 {sha})', fr: '✓ {service} : {path} ({size}, sha256 {sha})' },
  snapshotFailed: {
    en: 'The snapshot of {service} failed before anything changed: {reason}. Nothing was changed.',
    fr: 'L\'instantané de {service} a échoué avant tout changement : {reason}. Rien n\'a été modifié.',
    hint: {
      en: 'Check the database (`reprise status`, `docker logs`) and the disk space of backups/, then run it again; `--no-snapshot` releases without one (recorded).',
      fr: 'Vérifiez la base (`reprise status`, `docker logs`) et la place disque de backups/, puis relancez ; `--no-snapshot` livre sans instantané (c\'est enregistré).',
    },
  },
  snapshotSkipped: {
    en: 'warning: no snapshot of {services} before this release (--no-snapshot): recorded in the history.',
    fr: 'attention : pas d\'instantané de {services} avant cette mise en production (--no-snapshot) : c\'est enregistré dans l\'historique.',
  },
  snapshotsHeader: { en: 'Data snapshots of {project}', fr: 'Instantanés de données de {project}' },
  snapshotsNone: { en: 'No data snapshot yet (reprise.yml `data:` names the services to snapshot).', fr: 'Aucun instantané de données (`data:` dans reprise.yml nomme les services à sauvegarder).' },
  restoreRunning: { en: 'Restoring {service} from snapshot #{id} ({path}, taken {at})…', fr: 'Restauration de {service} depuis l\'instantané n°{id} ({path}, pris le {at})…' },
  restoreDone: { en: '✓ {service} restored from snapshot #{id}; the data as it was just before: {safety}', fr: '✓ {service} restauré depuis l\'instantané n°{id} ; les données juste avant : {safety}' },
  restoreFailed: {
    en: 'Restoring {service} from snapshot #{id} failed: {reason}.',
    fr: 'La restauration de {service} depuis l\'instantané n°{id} a échoué : {reason}.',
    hint: { en: 'The data was not changed unless the reason says otherwise (the safety snapshot, when taken, holds it as it was); `reprise snapshots` lists what can be restored.', fr: 'Les données n\'ont pas été modifiées sauf si la raison dit le contraire (l\'instantané de sécurité, s\'il a été pris, les garde telles qu\'elles étaient) ; `reprise snapshots` liste ce qui peut être restauré.' },
  },
  restoreNoSnapshot: {
    en: 'No data snapshot was taken before the release of {version}: there is nothing to restore with --restore-data.',
    fr: 'Aucun instantané de données n\'a été pris avant la mise en production de {version} : rien à restaurer avec --restore-data.',
    hint: { en: 'Roll back without --restore-data, or pick a snapshot with `reprise snapshots` and `reprise snapshots restore ID`.', fr: 'Revenez en arrière sans --restore-data, ou choisissez un instantané avec `reprise snapshots` et `reprise snapshots restore ID`.' },
  },
  restoreUnknown: {
    en: 'There is no snapshot #{id}.',
    fr: 'Il n\'y a pas d\'instantané n°{id}.',
    hint: { en: '`reprise snapshots` lists them.', fr: '`reprise snapshots` les liste.' },
  },
  schemaHeadUnread: {
    en: 'warning: the schema head could not be read in {service} ({reason}); it is not recorded this time.',
    fr: 'attention : la version du schéma n\'a pas pu être lue dans {service} ({reason}) ; elle n\'est pas enregistrée cette fois.',
  },
  schemaPlan: { en: '  schema: {now} → {target}', fr: '  schéma : {now} → {target}' },
  schemaUnknown: { en: '(unknown)', fr: '(inconnu)' },
  schemaDiffers: {
    en: 'warning: {version} ran with schema {target}; the database is at {now}. Its code will run against a newer schema unless the data goes back too. Choices: go on if the migrations since are backward compatible; add --restore-data to restore the snapshot taken before the release being undone (writes since are lost); or answer no and fix forward.',
    fr: 'attention : {version} tournait avec le schéma {target} ; la base est en {now}. Son code tournera sur un schéma plus récent, sauf si les données reviennent aussi. Choix : continuer si les migrations depuis sont rétrocompatibles ; ajouter --restore-data pour restaurer l\'instantané pris avant la mise en service annulée (les écritures depuis sont perdues) ; ou répondre non et corriger en avant.',
  },
  restoreLoses: {
    en: 'warning: restoring {service} to snapshot #{id} loses everything written since {at} (a safety snapshot is taken first).',
    fr: 'attention : restaurer {service} à l\'instantané n°{id} efface tout ce qui a été écrit depuis {at} (un instantané de sécurité est pris avant).',
  },
  restoreNotAfterFailure: {
    en: 'warning: the data of {services} was not restored: the rollback to {version} failed before it. If its code cannot run against the newer schema, restore the data first — {commands} — then run the rollback again without --restore-data.',
    fr: 'attention : les données de {services} n\'ont pas été restaurées : le retour à {version} a échoué avant. Si son code ne peut pas tourner sur le schéma plus récent, restaurez d\'abord les données — {commands} — puis relancez le retour arrière sans --restore-data.',
  },
  confirmRestore: {
    en: 'Restore {service} of {project} to snapshot #{id} ({at})? Everything written since then is lost. [y/N] ',
    fr: 'Restaurer {service} de {project} à l\'instantané n°{id} ({at}) ? Tout ce qui a été écrit depuis est perdu. [o/N] ',
  },
} satisfies Record<string, Entry>;
