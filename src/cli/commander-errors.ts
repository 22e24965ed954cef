// commander's own parse errors, in the user's language (its text is English only).
import type { CommanderError } from 'commander';
import type { Lang } from '../domain/messages';

export function commanderProblem(e: CommanderError, lang: Lang): string {
  const en = e.message.replace(/^error: /, '');
  if (lang !== 'fr') return en;
  const quoted = /'([^']*)'/.exec(en)?.[1] ?? '';
  switch (e.code) {
    case 'commander.unknownOption':
      return `option inconnue « ${quoted} »`;
    case 'commander.unknownCommand':
      return `commande inconnue « ${quoted} »`;
    case 'commander.missingArgument':
      return `argument manquant « ${quoted} »`;
    case 'commander.optionMissingArgument':
      return `l'option « ${quoted} » attend une valeur`;
    case 'commander.missingMandatoryOptionValue':
      return `option obligatoire « ${quoted} » absente`;
    case 'commander.excessArguments':
      return `trop d'arguments (${en.replace(/^too many arguments\.?\s*/i, '')})`;
    case 'commander.invalidArgument':
      return `valeur invalide : ${en}`;
    default:
      return en;
  }
}
