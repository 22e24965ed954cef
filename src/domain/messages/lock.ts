// The lock: an operation refused or taking it over, and `reprise lock`.
import type { Entry } from './entry';

export const lockMessages = {
  locked: {
    en: 'Another operation holds the lock: {holder} (pid {pid}, {host}) since {since}{message}.',
    fr: 'Une autre opération détient le verrou : {holder} (pid {pid}, {host}) depuis {since}{message}.',
    hint: { en: 'Wait for it to finish; if it is a manual lock, `reprise lock release`.', fr: 'Attendez sa fin ; s\'il s\'agit d\'un verrou manuel, `reprise lock release`.' },
  },
  lockNotHeld: {
    en: 'The lock is not held.',
    fr: 'Le verrou n\'est pas détenu.',
  },
  lockTakenOver: {
    en: 'warning: took over the lock of a dead process ({holder}, pid {pid}, since {since}).',
    fr: 'attention : verrou repris à un processus mort ({holder}, pid {pid}, depuis {since}).',
  },
  lockAcquired: {
    en: 'Lock acquired{message}.',
    fr: 'Verrou pris{message}.',
  },
  lockReleased: {
    en: 'Lock released.',
    fr: 'Verrou libéré.',
  },
  lockFree: {
    en: 'The lock is free.',
    fr: 'Le verrou est libre.',
  },
  lockForceConfirm: {
    en: 'Release by force the lock of {holder} (pid {pid} on {host}, {user}, since {since}){message}? Only if that operation is really gone. [y/N] ',
    fr: 'Libérer de force le verrou de {holder} (pid {pid} sur {host}, {user}, depuis {since}){message} ? Seulement si cette opération n\'existe vraiment plus. [o/N] ',
  },
  lockForceCancelled: {
    en: 'Lock kept: nothing was changed.',
    fr: 'Verrou conservé : rien n\'a été modifié.',
  },
  lockForced: {
    en: 'Lock of {holder} (pid {pid} on {host}) released by force; recorded in the history.',
    fr: 'Verrou de {holder} (pid {pid} sur {host}) libéré de force ; consigné dans l\'historique.',
  },
  lockHeld: {
    en: 'Lock held by {holder} (pid {pid}, {host}, {user}) since {since}{message}.',
    fr: 'Verrou détenu par {holder} (pid {pid}, {host}, {user}) depuis {since}{message}.',
  },
} satisfies Record<string, Entry>;
