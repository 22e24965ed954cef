// The state store (.reprise/state.db) failing: busy, damaged, disk full.
import type { Entry } from './entry';

export const stateStoreMessages = {
  stateBusy: {
    en: 'The state store (.reprise/state.db) stayed locked by another process (waited REPRISE_STORE_BUSY_TIMEOUT, default 20 s): {reason}',
    fr: 'Le magasin d\'état (.reprise/state.db) est resté verrouillé par un autre processus (attente REPRISE_STORE_BUSY_TIMEOUT, 20 s par défaut) : {reason}',
    hint: { en: 'Another program holds the file (a reprise still running, a backup, an sqlite3 shell): find it with `fuser -v .reprise/state.db`, let it finish, then run the command again. Nothing was changed.', fr: 'Un autre programme tient le fichier (un reprise encore en cours, une sauvegarde, un shell sqlite3) : trouvez-le avec `fuser -v .reprise/state.db`, laissez-le finir, puis relancez la commande. Rien n\'a été modifié.' },
  },
  stateCorrupt: {
    en: 'The state store (.reprise/state.db) is damaged and cannot be read: {reason}',
    fr: 'Le magasin d\'état (.reprise/state.db) est endommagé et illisible : {reason}',
    hint: { en: 'Restore it from a backup, or move it aside (`mv .reprise/state.db .reprise/state.db.damaged`) to start a new history. `reprise emergency` works without it (from .env.rollback).', fr: 'Restaurez-le depuis une sauvegarde, ou mettez-le de côté (`mv .reprise/state.db .reprise/state.db.endommage`) pour repartir d\'un historique vide. `reprise emergency` fonctionne sans lui (depuis .env.rollback).' },
  },
  stateFull: {
    en: 'The state store (.reprise/state.db) cannot be written, the disk is full: {reason}',
    fr: 'Le magasin d\'état (.reprise/state.db) ne peut pas être écrit, le disque est plein : {reason}',
    hint: { en: 'Free space on the project\'s disk (`df -h .`, `reprise prune`, `docker system df`), then run the command again.', fr: 'Libérez de la place sur le disque du projet (`df -h .`, `reprise prune`, `docker system df`), puis relancez la commande.' },
  },
  stateFailed: {
    en: 'The state store (.reprise/state.db) failed: {reason}',
    fr: 'Le magasin d\'état (.reprise/state.db) a échoué : {reason}',
    hint: { en: 'Check the file\'s permissions and the disk (`ls -l .reprise/`, `df -h .`).', fr: 'Vérifiez les droits du fichier et le disque (`ls -l .reprise/`, `df -h .`).' },
  },
} satisfies Record<string, Entry>;
