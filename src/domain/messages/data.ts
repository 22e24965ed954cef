// Data snapshots before releases (issue 22).
import type { Entry } from './entry';

export const dataMessages = {
  snapshotTaking: { en: 'Snapshot of {service} ({kind}) before the release…', fr: 'Instantané de {service} ({kind}) avant la mise en production…' },
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
} satisfies Record<string, Entry>;
