// Usage errors (exit 2): bad flags and arguments.
import type { Entry } from './entry';

export const usageMessages = {
  usage: {
    en: '{problem}',
    fr: '{problem}',
    hint: { en: 'See `reprise --help`.', fr: 'Voir `reprise --help`.' },
  },
  usageDuration: {
    en: '{flag}: invalid duration "{value}" (e.g. 90s, 2m)',
    fr: '{flag} : durée invalide « {value} » (par ex. 90s, 2m)',
    hint: { en: 'See `reprise --help`.', fr: 'Voir `reprise --help`.' },
  },
  usagePositiveInteger: {
    en: '{flag}: expected a positive integer, got "{value}"',
    fr: '{flag} : entier positif attendu, reçu « {value} »',
    hint: { en: 'See `reprise --help`.', fr: 'Voir `reprise --help`.' },
  },
  usageReleaseId: {
    en: '--show: expected a release id (e.g. 12, as shown by `reprise history`), got "{value}"',
    fr: '--show : numéro de release attendu (par ex. 12, comme l\'affiche `reprise history`), reçu « {value} »',
    hint: { en: 'Run `reprise history` to see the release ids.', fr: 'Lancez `reprise history` pour voir les numéros de release.' },
  },
  usageSameEnvironment: {
    en: '--from and --to name the same environment "{env}"',
    fr: '--from et --to désignent le même environnement « {env} »',
    hint: { en: 'Promote from one environment to another, e.g. --from staging --to production.', fr: 'Promouvez d\'un environnement vers un autre, par ex. --from staging --to production.' },
  },
  usageEnvContradicts: {
    en: '-e {env} contradicts --to {to}',
    fr: '-e {env} contredit --to {to}',
    hint: { en: 'Leave out -e: --to names the environment deployed to.', fr: 'Retirez -e : --to désigne l\'environnement déployé.' },
  },
  usageCommander: {
    en: '{problem}',
    fr: '{problem}',
    hint: { en: 'See `reprise --help`.', fr: 'Voir `reprise --help`.' },
  },
} satisfies Record<string, Entry>;
