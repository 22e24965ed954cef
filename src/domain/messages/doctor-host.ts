// Doctor (issue 5), continued: side-by-side replicas, remote engine, env file modes, lock,
// interrupted operation, state store, disk and memory.
import type { Entry } from './entry';

export const doctorHostMessages = {
  doctorSideOk: { en: 'every long-running versioned service can run two containers side by side ({services})', fr: 'chaque service versionné permanent peut tourner en deux conteneurs côte à côte ({services})' },
  doctorSideStrategies: {
    en: 'released start-first (zero downtime): {startFirst}; recreated (short outage): {recreate}',
    fr: 'publiés en start-first (sans coupure) : {startFirst} ; recréés (courte coupure) : {recreate}',
  },
  doctorSideRemote: {
    en: 'start-first for {services}, but the engine is remote ({host}): the release gate probes new containers on their own addresses, which are not reachable from here',
    fr: 'start-first pour {services}, mais le moteur est distant ({host}) : le contrôle de santé des versions sonde les nouveaux conteneurs sur leur propre adresse, injoignable d\'ici',
  },
  doctorSideRemoteFix: {
    en: 'Run reprise on the Docker host, or set `strategy: recreate` for {services} in reprise.yml.',
    fr: 'Lancez reprise sur l\'hôte Docker, ou mettez `strategy: recreate` pour {services} dans reprise.yml.',
  },
  doctorRemoteEngine: {
    en: 'the engine is remote ({engine}): reads, deploys, rollbacks and builds go there through the Engine API and compose; needs care: {care}',
    fr: 'le moteur est distant ({engine}) : lectures, déploiements, rollbacks et builds y vont par l\'API du moteur et compose ; à surveiller : {care}',
  },
  doctorRemoteCareHealth: {
    en: 'health URLs ({services}) are probed from this machine, not from the engine\'s',
    fr: 'les URL de santé ({services}) sont sondées depuis cette machine, pas depuis celle du moteur',
  },
  doctorRemoteCareLoopback: {
    en: 'health URLs are probed from this machine, and those of {services} point at localhost: this machine, not the engine\'s',
    fr: 'les URL de santé sont sondées depuis cette machine, et celles de {services} visent localhost : cette machine, pas celle du moteur',
  },
  doctorRemoteCareStartFirst: {
    en: 'start-first ({services}) probes the new containers on their own addresses, which are not reachable from another machine',
    fr: 'le start-first ({services}) sonde les nouveaux conteneurs sur leur propre adresse, injoignable depuis une autre machine',
  },
  doctorRemoteCareImages: {
    en: 'the images of a version must exist on that engine, not here',
    fr: 'les images d\'une version doivent exister sur ce moteur, pas ici',
  },
  doctorRemoteFixes: { en: '{fixes}', fr: '{fixes}' },
  doctorRemoteFixHealth: {
    en: 'Health URLs: use addresses reachable from here (the server\'s name or address, not localhost), or run reprise on the server.',
    fr: 'URL de santé : utilisez des adresses joignables d\'ici (le nom ou l\'adresse du serveur, pas localhost), ou lancez reprise sur le serveur.',
  },
  doctorRemoteFixStartFirst: {
    en: 'Start-first: run reprise on the Docker host, or set `strategy: recreate` for {services} in reprise.yml.',
    fr: 'Start-first : lancez reprise sur l\'hôte Docker, ou mettez `strategy: recreate` pour {services} dans reprise.yml.',
  },
  doctorRemoteFixImages: {
    en: 'Images: build them on that engine (`reprise deploy --build` builds through compose, there), pull them from a registry, or copy them (`docker save IMAGE | docker --context NAME load`).',
    fr: 'Images : construisez-les sur ce moteur (`reprise deploy --build` construit par compose, là-bas), tirez-les d\'un registre, ou copiez-les (`docker save IMAGE | docker --context NOM load`).',
  },
  doctorSideBlocked: {
    en: 'cannot run two replicas side by side: {list} — a zero-downtime (start-first) deploy is impossible for them; they are replaced stop-first (a short outage){strategies}',
    fr: 'ne peuvent pas tourner en deux réplicas côte à côte : {list} — un déploiement sans coupure (start-first) leur est impossible ; ils sont remplacés en stop-first (courte coupure){strategies}',
  },
  doctorSideFixName: {
    en: 'Remove `container_name:` from {services}: compose names the containers itself, so a second one can start.',
    fr: 'Retirez `container_name:` de {services} : compose nomme lui-même les conteneurs, un second peut alors démarrer.',
  },
  doctorSideFixPort: {
    en: 'Do not publish a fixed host port on {services}: put a reverse proxy on the compose network in front of them, or publish the container port only (`ports: ["{target}"]`).',
    fr: 'Ne publiez pas de port hôte fixe sur {services} : placez un reverse proxy sur le réseau compose devant eux, ou publiez seulement le port du conteneur (`ports: ["{target}"]`).',
  },
  doctorSideFixBoth: {
    en: 'Remove `container_name:` from {name}; do not publish a fixed host port on {port}: a reverse proxy on the compose network, or the container port only (`ports: ["{target}"]`).',
    fr: 'Retirez `container_name:` de {name} ; ne publiez pas de port hôte fixe sur {port} : un reverse proxy sur le réseau compose, ou seulement le port du conteneur (`ports: ["{target}"]`).',
  },
  doctorEnvNone: { en: 'no env file', fr: 'aucun fichier env' },
  doctorEnvOk: { en: 'readable by their owner only, or holding no secret: {files}', fr: 'lisibles par leur propriétaire seul, ou sans secret : {files}' },
  doctorEnvExposed: {
    en: 'env file(s) open to other users (see the mode: group or everyone can read, or change, them) while holding secrets: {list}',
    fr: 'fichier(s) env ouvert(s) aux autres utilisateurs (voir le mode : le groupe ou tout le monde peut les lire, ou les modifier) alors qu\'ils contiennent des secrets : {list}',
  },
  doctorEnvFix: { en: 'chmod 600 {files}', fr: 'chmod 600 {files}' },
  doctorLockFree: { en: 'no lock held', fr: 'aucun verrou détenu' },
  doctorLockLive: { en: 'held by a running operation: {holder} (pid {pid}, {host}) since {since}', fr: 'détenu par une opération en cours : {holder} (pid {pid}, {host}) depuis {since}' },
  doctorLockManual: {
    en: 'manual lock by {user} since {since}{message}: every deploy and rollback exits 4 until it is released',
    fr: 'verrou manuel posé par {user} depuis {since}{message} : chaque deploy et rollback sort en code 4 tant qu\'il n\'est pas libéré',
  },
  doctorLockManualFix: { en: '`reprise lock release` once the maintenance is over.', fr: '`reprise lock release` une fois la maintenance terminée.' },
  doctorLockDead: {
    en: 'held by a process that is gone: {holder} (pid {pid}, {host}) since {since}{message}',
    fr: 'détenu par un processus disparu : {holder} (pid {pid}, {host}) depuis {since}{message}',
  },
  doctorLockDeadFix: {
    en: '`reprise lock release` (the next deploy or rollback would also take it over, with a warning).',
    fr: '`reprise lock release` (le prochain deploy ou rollback le reprendrait aussi, avec un avertissement).',
  },
  doctorLockOtherHost: {
    en: 'held from another host: {holder} (pid {pid}, {host}) since {since}{message} — cannot be checked from here',
    fr: 'détenu depuis un autre hôte : {holder} (pid {pid}, {host}) depuis {since}{message} — invérifiable d\'ici',
  },
  doctorLockOtherHostFix: { en: 'Check on {host} that pid {pid} still runs; if not, `reprise lock release`.', fr: 'Vérifiez sur {host} que le pid {pid} tourne encore ; sinon, `reprise lock release`.' },
  doctorInterruptedNone: { en: 'no interrupted operation', fr: 'aucune opération interrompue' },
  doctorInterrupted: {
    en: 'interrupted {kind} to {version} (from {from}, started {since}, pid {pid}; services done: {done}): the stack may be mixed',
    fr: '{kind} vers {version} interrompu (depuis {from}, commencé {since}, pid {pid} ; services faits : {done}) : la pile est peut-être mixte',
  },
  doctorInterruptedFix: {
    en: '`reprise rollback --yes` finishes an interrupted rollback or undoes an interrupted deploy; `reprise deploy VERSION` brings every service to VERSION.',
    fr: '`reprise rollback --yes` termine un rollback interrompu ou annule un déploiement interrompu ; `reprise deploy VERSION` amène chaque service à VERSION.',
  },
  doctorStoreUnreadable: { en: 'the state store {file} cannot be read: {reason}', fr: 'le stockage d\'état {file} est illisible : {reason}' },
  doctorStoreFix: {
    en: 'Check the file\'s permissions and free disk space; if it is damaged, move it aside (`mv {file} {file}.bad`): the history starts again.',
    fr: 'Vérifiez les droits du fichier et l\'espace disque ; s\'il est endommagé, mettez-le de côté (`mv {file} {file}.bad`) : l\'historique repart de zéro.',
  },
  doctorDiskEntry: { en: '{role} {path}: {used} % used, {free} free of {total}', fr: '{role} {path} : {used} % utilisés, {free} libres sur {total}' },
  doctorDiskRoleProject: { en: 'project directory', fr: 'répertoire du projet' },
  doctorDiskRoleDocker: { en: 'Docker data root', fr: 'données Docker' },
  doctorDiskOk: { en: '{list}', fr: '{list}' },
  doctorDiskLow: { en: 'low disk space — {list}', fr: 'espace disque faible — {list}' },
  doctorPermissionsOk: { en: '{count} paths writable by their owner only', fr: '{count} chemins modifiables par leur seul propriétaire' },
  doctorPermissionsWritable: {
    en: 'another user can change what reprise runs as root: {list}',
    fr: 'un autre utilisateur peut modifier ce que reprise exécute en root : {list}',
  },
  doctorPermissionsFix: {
    en: 'Make them yours and writable by you only: `chown` them to the user that runs reprise, `chmod go-w` them (the project directory, reprise.yml, the compose files, the hook scripts, .reprise/).',
    fr: 'Rendez-les vôtres et modifiables par vous seul : `chown` vers l\'utilisateur qui lance reprise, `chmod go-w` (répertoire du projet, reprise.yml, fichiers compose, scripts des hooks, .reprise/).',
  },
  doctorDiskNetwork: {
    en: 'the project directory {path} is on a network file system ({kind}): the state store\'s locking is not reliable there — {list}',
    fr: 'le répertoire du projet {path} est sur un système de fichiers réseau ({kind}) : le verrouillage de la base d\'état n\'y est pas fiable — {list}',
  },
  doctorDiskNetworkFix: {
    en: 'Keep the project directory on a local disk of the host that runs reprise: one project directory belongs to one host.',
    fr: 'Gardez le répertoire du projet sur un disque local de la machine qui lance reprise : un répertoire de projet appartient à une seule machine.',
  },
  doctorDiskFix: {
    en: 'Free space: `reprise prune --dry-run` then `reprise prune` (old versions\' images), `docker system df`, `docker image prune`, `docker builder prune`.',
    fr: 'Libérez de la place : `reprise prune --dry-run` puis `reprise prune` (images des anciennes versions), `docker system df`, `docker image prune`, `docker builder prune`.',
  },
  doctorMemoryOk: { en: '{available} available of {total} ({used} % used); swap used {swap}', fr: '{available} disponibles sur {total} ({used} % utilisés) ; swap utilisé {swap}' },
  doctorMemoryLow: { en: 'low memory: {available} available of {total} ({used} % used); swap used {swap}', fr: 'mémoire faible : {available} disponibles sur {total} ({used} % utilisés) ; swap utilisé {swap}' },
  doctorMemoryFix: {
    en: 'See which containers use it (`docker stats`), stop what is not needed, set memory limits, or add memory or swap.',
    fr: 'Voyez quels conteneurs l\'utilisent (`docker stats`), arrêtez ce qui est inutile, fixez des limites mémoire, ou ajoutez de la mémoire ou du swap.',
  },
} satisfies Record<string, Entry>;
