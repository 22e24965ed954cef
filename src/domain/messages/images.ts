// Images fetched before a release (issue 21): pulls by tag or digest, tags that moved, what releases ran.
import type { Entry } from './entry';

export const imageMessages = {
  imagesNotRecorded: {
    en: 'warning: the images this release ran were not recorded ({reason}); a later rollback to {version} runs what its tags name then.',
    fr: 'attention : les images de cette mise en production n\'ont pas été enregistrées ({reason}) ; un retour ultérieur à {version} lancera ce que ses étiquettes désigneront alors.',
  },
  imageTagMoved: {
    en: '{service}: the tag {image} no longer names the image {version} ran ({now} instead of {recorded}): the recorded image runs.',
    fr: '{service} : l\'étiquette {image} ne désigne plus l\'image que {version} a fait tourner ({now} au lieu de {recorded}) : c\'est l\'image enregistrée qui tourne.',
  },
  imageRetagged: {
    en: '{service}: {image} names the recorded image {id} again (it was still on this engine).',
    fr: '{service} : {image} désigne de nouveau l\'image enregistrée {id} (elle était encore sur ce moteur).',
  },
  imagePulling: {
    en: 'Pulling {image} for {service}…',
    fr: 'Téléchargement de {image} pour {service}…',
  },
  imagePullProgress: {
    en: '  {line}',
    fr: '  {line}',
  },
  imagePulled: {
    en: '  {image}: pulled in {seconds} s',
    fr: '  {image} : téléchargée en {seconds} s',
  },
  imagePullFailed: {
    en: 'Pulling {image} failed: {reason}. Nothing was changed.',
    fr: 'Le téléchargement de {image} a échoué : {reason}. Rien n\'a été modifié.',
    hint: {
      en: 'Check that the registry answers and that the user running reprise is logged in to it (`docker login {registry}`, or a credential helper); credentials are never taken from the command line.',
      fr: 'Vérifiez que le registre répond et que l\'utilisateur qui lance reprise y est connecté (`docker login {registry}`, ou un assistant d\'identifiants) ; les identifiants ne sont jamais pris sur la ligne de commande.',
    },
  },
  imageTagMovedUnavailable: {
    en: 'La version {version} n\'existe pas ou est incomplète (version {version} cannot run as it ran): {images} now name other images, and the recorded ones are neither on this engine nor in a registry by digest.',
    fr: 'La version {version} n\'existe pas ou est incomplète : {images} désignent maintenant d\'autres images, et celles enregistrées ne sont ni sur ce moteur ni dans un registre par leur empreinte.',
    hint: {
      en: 'Push the recorded image again, or roll back to another version (`reprise versions` shows which ones are complete).',
      fr: 'Poussez de nouveau l\'image enregistrée, ou revenez à une autre version (`reprise versions` montre celles qui sont complètes).',
    },
  },
  registryCredentialsUnread: {
    en: 'warning: the credentials for {registry} could not be read ({reason}); going on without any (anonymous access).',
    fr: 'attention : les identifiants pour {registry} n\'ont pas pu être lus ({reason}) ; on continue sans (accès anonyme).',
  },
  registryNotAnswering: {
    en: 'warning: the tags of the registry {registry} could not be read ({reason}): versions only there are not listed.',
    fr: 'attention : les étiquettes du registre {registry} n\'ont pas pu être lues ({reason}) : les versions qui n\'existent que là ne sont pas listées.',
  },
  shipNothingThere: {
    en: 'La version {version} n\'existe pas ou est incomplète (version {version} has no image on {from}).',
    fr: 'La version {version} n\'existe pas ou est incomplète (aucune image sur {from}).',
    hint: { en: 'Build it there first, or name the engine that has it with --from.', fr: 'Construisez-la d\'abord là-bas, ou indiquez avec --from le moteur qui l\'a.' },
  },
  shipAlreadyThere: { en: 'Already on the engine (same image): {images}', fr: 'Déjà sur le moteur (même image) : {images}' },
  shipTagged: { en: 'On the engine under another name, tagged: {images}', fr: 'Sur le moteur sous un autre nom, étiquetées : {images}' },
  shipSending: { en: 'Sending {images} from {from}…', fr: 'Envoi de {images} depuis {from}…' },
  shipDone: { en: '✓ {version} is on the engine ({seconds} s)', fr: '✓ {version} est sur le moteur ({seconds} s)' },
  shipTagTaken: {
    en: 'The engine already has {images} as another image (a build of {version} made there): nothing was sent.',
    fr: 'Le moteur a déjà {images} sous une autre image (une construction de {version} faite là-bas) : rien n\'a été envoyé.',
    hint: {
      en: 'Give the new build a new version (the git SHA), or replace those tags with --force (what runs stays as it is until the next release).',
      fr: 'Donnez une nouvelle version à la nouvelle construction (le SHA git), ou remplacez ces étiquettes avec --force (ce qui tourne reste tel quel jusqu\'à la prochaine mise en production).',
    },
  },
  shipNotLoaded: {
    en: '{image} is not on the engine after the load.',
    fr: '{image} n\'est pas sur le moteur après le chargement.',
    hint: { en: 'Run `reprise doctor` (disk space on the engine), then ship again.', fr: 'Lancez `reprise doctor` (espace disque du moteur), puis recommencez l\'envoi.' },
  },
} satisfies Record<string, Entry>;
