// Output of `reprise versions`, `reprise history` and `reprise status`.
import type { Entry } from './entry';

export const statusMessages = {
  versionsHeader: {
    en: 'Versions of {project} (current: {current}, previous: {previous})',
    fr: 'Versions de {project} (actuelle : {current}, précédente : {previous})',
  },
  availableVersions: {
    en: 'Available versions (newest first):',
    fr: 'Versions disponibles (les plus récentes d\'abord) :',
  },
  versionsElsewhere: {
    en: '{count} other tag(s) of these repositories belong to other projects or environments ({projects}): not this project\'s, not listed (`reprise versions --all` lists them; a version named on the command line can still be deployed)',
    fr: '{count} autre(s) tag(s) de ces dépôts appartiennent à d\'autres projets ou environnements ({projects}) : pas à ce projet, non listés (`reprise versions --all` les liste ; une version nommée en ligne de commande reste déployable)',
  },
  versionsElsewhereListed: {
    en: '{count} tag(s) above, marked "elsewhere", belong to other projects or environments ({projects}): not this project\'s',
    fr: '{count} tag(s) ci-dessus, marqués « ailleurs », appartiennent à d\'autres projets ou environnements ({projects}) : pas à ce projet',
  },
  versionsElsewhereMarker: { en: 'elsewhere: {projects}', fr: 'ailleurs : {projects}' },
  versionsUnavailable: {
    en: 'Available versions: unknown here ({reason}).',
    fr: 'Versions disponibles : inconnues ici ({reason}).',
  },
  none: { en: 'none', fr: 'aucune' },
  historyEmpty: { en: 'No release yet.', fr: 'Aucune release pour l\'instant.' },
  statusHeader: {
    en: 'Project {project} ({engine}) — version {version}',
    fr: 'Projet {project} ({engine}) — version {version}',
  },
  statusMixed: {
    en: 'mixed versions: {versions}',
    fr: 'versions mélangées : {versions}',
  },
  drift: {
    en: 'drift: {service} runs {actual}, reprise last deployed {expected}',
    fr: 'dérive : {service} tourne en {actual}, reprise a déployé {expected}',
  },
} satisfies Record<string, Entry>;
