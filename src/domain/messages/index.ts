// Every user-facing message, in English and French, one file per area merged into one catalogue.
// Codes never change with the language; the seed's three messages keep their original French wording.
import type { Params } from '../errors';
import type { Entry, Lang } from './entry';
import { configHistoryMessages } from './config-history';
import { dataMessages } from './data';
import { dashboardMessages } from './dashboard';
import { dockerMessages } from './docker';
import { doctorMessages } from './doctor';
import { doctorHostMessages } from './doctor-host';
import { envFileMessages } from './env-files';
import { environmentMessages } from './environments';
import { errorMessages } from './errors';
import { imageMessages } from './images';
import { incidentMessages } from './incidents';
import { initMessages } from './init';
import { lockMessages } from './lock';
import { monitorMessages } from './monitor';
import { notifyMessages } from './notify';
import { progressMessages } from './progress';
import { pruneMessages } from './prune';
import { startFirstMessages } from './start-first';
import { stateStoreMessages } from './state-store';
import { statusMessages } from './status';
import { swarmMessages } from './swarm';
import { usageMessages } from './usage';
import { verifyMessages } from './verify';

export type { Lang } from './entry';

const areas = {
  configHistoryMessages,
  dataMessages,
  dashboardMessages,
  dockerMessages,
  doctorMessages,
  doctorHostMessages,
  envFileMessages,
  environmentMessages,
  errorMessages,
  imageMessages,
  incidentMessages,
  initMessages,
  lockMessages,
  monitorMessages,
  notifyMessages,
  progressMessages,
  pruneMessages,
  startFirstMessages,
  stateStoreMessages,
  statusMessages,
  swarmMessages,
  usageMessages,
  verifyMessages,
};

type Areas = Record<string, Record<string, Entry>>;
type KeyOf<A extends Areas> = { [N in keyof A]: keyof A[N] }[keyof A];
/** keys that an area shares with another one */
type Shared<A extends Areas> = { [N in keyof A]: keyof A[N] & KeyOf<Omit<A, N>> }[keyof A];
/**
 * Nothing when every key is defined once; otherwise a property per duplicate key, which the
 * areas object lacks: tsc then names the key ("Property 'x' is missing ...").
 */
type NoSharedKey<A extends Areas> = [Shared<A>] extends [never] ? unknown : { [K in Shared<A>]: 'defined in two message areas' };

export type MessageKey = KeyOf<typeof areas>;

// The spread order would silently let one area's entry win over another's: NoSharedKey forbids that.
function merge<A extends Areas>(parts: A & NoSharedKey<A>): Record<KeyOf<A>, Entry> {
  return Object.assign({}, ...Object.values(parts));
}

const M = merge(areas);

function fill(template: string, params: Params): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined || v === null) return whole === '{message}' ? '' : '-';
    return Array.isArray(v) ? v.join(', ') : String(v);
  });
}

export function t(lang: Lang, key: MessageKey, params: Params = {}): string {
  return fill(M[key][lang], params);
}

export function hint(lang: Lang, key: MessageKey, params: Params = {}): string | null {
  const e: Entry = M[key];
  return e.hint ? fill(e.hint[lang], params) : null;
}

/** SPEC §2: --lang, else REPRISE_LANG, else config, else LANG/LC_ALL (fr* → French), else English. */
export function pickLang(flag: string | undefined, env: NodeJS.ProcessEnv, configLang?: string): Lang {
  for (const v of [flag, env.REPRISE_LANG, configLang]) {
    if (v === 'fr' || v === 'en') return v;
  }
  for (const v of [env.LC_ALL, env.LANG]) {
    if (v) return v.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  }
  return 'en';
}
