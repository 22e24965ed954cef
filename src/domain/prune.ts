// Pure: which versions `prune` keeps and which images it removes (SPEC §3 prune, §7 keep_versions,
// §9 "pruning that deletes the rollback target"), and the bytes a removal released.
import { createHash } from 'node:crypto';
import type { Lang } from './messages';
import { isValidVersion } from './version';

/** `keep_versions` when reprise.yml does not set it. */
export const DEFAULT_KEEP_VERSIONS = 5;

export interface PruneImage {
  repository: string;
  tag: string;
  /** image id (sha256:…) */
  id: string;
  /** ISO date of the image's creation */
  created: string;
}

/** A version kept for a reason that does not come from the images themselves. */
export interface Protection {
  version: string;
  /** stable code, e.g. `current`, `previous`, `last-good@staging` */
  reason: string;
}

export interface PruneInput {
  /** the project's versioned services and their repositories */
  services: Array<{ name: string; repository: string }>;
  /** local images (any repository; only the services' repositories are considered) */
  images: PruneImage[];
  /** how many of the newest complete versions are kept whatever else */
  keep: number;
  protections: Protection[];
  /** ids of the images any container (any project, running or not) was created from */
  inUse: ReadonlySet<string>;
  /**
   * versions this configuration's release history knows (any environment, any outcome): only those are
   * reprise's to remove; a tag it never released (a hand-made `stable`, another checkout's build) is kept
   */
  released: ReadonlySet<string>;
  /**
   * exited one-shot containers of this project (migrations, `compose run` ones too) with the version each ran:
   * a version otherwise removed is not kept "in use" by its own — they are removed first. Never a running
   * container, never another project's (the caller passes only those), never one of a kept version.
   */
  leftovers?: Leftover[];
  /** image id → ids of every container created from it (any project, any state); needed with `leftovers` */
  imageUsers?: ReadonlyMap<string, readonly string[]>;
  /**
   * the images successful releases ran (issue 21), by ID: one a kept version's release ran is never removed,
   * even under another version's tag (its own tag may have moved to another image since)
   */
  ran?: ReadonlyArray<{ version: string; imageId: string }>;
}

export interface Leftover {
  id: string;
  name: string;
  imageId: string;
  version: string;
}

export interface KeptVersion {
  version: string;
  reasons: string[];
}

export interface PruneTarget {
  version: string;
  /** `repository:tag` references to remove, one per versioned service */
  images: Array<{ reference: string; id: string }>;
  /** exited one-shot containers of this version, the only users of its images: removed first */
  containers: Array<{ id: string; name: string }>;
}

export interface PruneSelection {
  /** newest first */
  kept: KeptVersion[];
  /** newest first */
  remove: PruneTarget[];
}

/** A tag prune may consider: a valid version name other than `latest`. */
export function isPrunableTag(tag: string): boolean {
  return tag !== 'latest' && isValidVersion(tag);
}

/**
 * Sorts the versions newest first (by their newest image, then by name, like `reprise versions`) and
 * splits them: a version is kept when this configuration never released it, when it is incomplete (a build may be in progress), among the `keep`
 * newest released complete versions, protected (current, previous, running or last-good in an environment, an
 * operation in progress), or when a container uses one of its images — unless the only ones are its own exited
 * one-shot containers (migrations), which are then removed first. Everything else is removed.
 * Images of other repositories, `latest` and tags that are not version names are never listed.
 */
export function selectPrune(input: PruneInput): PruneSelection {
  const repos = new Set(input.services.map((s) => s.repository));
  const byVersion = new Map<string, PruneImage[]>();
  for (const img of input.images) {
    if (!repos.has(img.repository) || !isPrunableTag(img.tag)) continue;
    let list = byVersion.get(img.tag);
    if (!list) byVersion.set(img.tag, (list = []));
    if (!list.some((x) => x.repository === img.repository)) list.push(img);
  }
  const newestOf = (imgs: PruneImage[]): string => imgs.map((i) => i.created).sort().pop() ?? '';
  const versions = [...byVersion.entries()]
    .map(([version, imgs]) => ({ version, imgs, created: newestOf(imgs) }))
    .sort((a, b) => b.created.localeCompare(a.created) || b.version.localeCompare(a.version));

  const protectedBy = new Map<string, string[]>();
  for (const p of input.protections) {
    const list = protectedBy.get(p.version) ?? [];
    if (!list.includes(p.reason)) list.push(p.reason);
    protectedBy.set(p.version, list);
  }

  const out: PruneSelection = { kept: [], remove: [] };
  let completeSeen = 0;
  for (const v of versions) {
    const complete = input.services.every((s) => v.imgs.some((i) => i.repository === s.repository));
    const reasons: string[] = [];
    if (!input.released.has(v.version)) reasons.push('not-released');
    else if (!complete) reasons.push('incomplete');
    else if (completeSeen++ < input.keep) reasons.push('newest');
    reasons.push(...(protectedBy.get(v.version) ?? []));
    const used = v.imgs.filter((i) => input.inUse.has(i.id));
    // a version nothing else keeps, whose images only its own exited one-shot containers use: those go first
    const freed = reasons.length === 0 && used.length > 0 ? onlyLeftovers(v.version, used, input) : null;
    if (used.length > 0 && !freed) reasons.push('in-use');
    if (reasons.length > 0) out.kept.push({ version: v.version, reasons });
    else {
      // services' order, so a removal reads the same way every time
      const images = input.services.map((s) => v.imgs.find((i) => i.repository === s.repository)!).map((i) => ({ reference: `${i.repository}:${i.tag}`, id: i.id }));
      out.remove.push({ version: v.version, images, containers: (freed ?? []).map((c) => ({ id: c.id, name: c.name })) });
    }
  }
  return keepWhatKeptReleasesRan(out, input.ran ?? []);
}

/** Moves to `kept` every removal that would delete an image a kept version's release ran (`ran-by:<version>`). */
function keepWhatKeptReleasesRan(sel: PruneSelection, ran: ReadonlyArray<{ version: string; imageId: string }>): PruneSelection {
  const kept = new Set(sel.kept.map((k) => k.version));
  const remove: PruneTarget[] = [];
  for (const target of sel.remove) {
    const by = [...new Set(ran.filter((r) => kept.has(r.version) && r.version !== target.version && target.images.some((i) => i.id === r.imageId)).map((r) => r.version))];
    if (by.length) sel.kept.push({ version: target.version, reasons: by.map((v) => `ran-by:${v}`) });
    else remove.push(target);
  }
  return { kept: sel.kept, remove };
}

/**
 * The exited one-shot containers of `version` when they are the only users of every image of it in use;
 * null when any other container (another version's, a running one, another project's) or anything else uses one.
 */
function onlyLeftovers(version: string, used: PruneImage[], input: PruneInput): Leftover[] | null {
  const mine = (input.leftovers ?? []).filter((c) => c.version === version);
  if (mine.length === 0 || !input.imageUsers) return null;
  const out: Leftover[] = [];
  for (const img of used) {
    const users = input.imageUsers.get(img.id) ?? [];
    if (users.length === 0) return null; // in use by something that is not a container (a Swarm service spec)
    for (const id of users) {
      const c = mine.find((x) => x.id === id && x.imageId === img.id);
      if (!c) return null;
      if (!out.includes(c)) out.push(c);
    }
  }
  return out;
}

/** `--keep N`: a positive integer, else null. */
export function parseKeep(raw: string): number | null {
  if (!/^\d{1,6}$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return n >= 1 ? n : null;
}

/** Chain ids of an image's layers (the ids the layer store and a delete response use). */
export function chainIds(diffIds: string[]): string[] {
  const out: string[] = [];
  for (const d of diffIds) {
    const prev = out[out.length - 1];
    out.push(prev === undefined ? d : `sha256:${createHash('sha256').update(`${prev} ${d}`).digest('hex')}`);
  }
  return out;
}

/**
 * Size of each layer (oldest first) from the image's history sizes (oldest first). History entries of
 * metadata steps (CMD, LABEL…) have size 0 and no layer; when a real layer also has size 0 the mapping
 * is ambiguous, and the zero-size layers are placed as high as possible, which never overstates what
 * deleting the top layers releases. Null when the history does not match the layers.
 */
export function layerSizes(layerCount: number, historySizes: number[]): number[] | null {
  const nonZero = historySizes.filter((s) => s > 0).length;
  if (nonZero > layerCount) return null;
  let zeroLayers = layerCount - nonZero;
  const isLayer = historySizes.map((s) => s > 0);
  for (let i = historySizes.length - 1; i >= 0 && zeroLayers > 0; i--) {
    if (!isLayer[i]) {
      isLayer[i] = true;
      zeroLayers--;
    }
  }
  if (zeroLayers > 0) return null;
  return historySizes.filter((_, i) => isLayer[i]);
}

/**
 * Bytes released by deleting an image: the sizes of its layers whose chain id the engine reported as
 * deleted (layers shared with images that stay are not). 0 when the sizes cannot be told apart.
 */
export function releasedBytes(diffIds: string[], historySizesOldestFirst: number[], deleted: ReadonlySet<string>): number {
  const sizes = layerSizes(diffIds.length, historySizesOldestFirst);
  if (!sizes) return 0;
  const chain = chainIds(diffIds);
  let total = 0;
  chain.forEach((c, i) => {
    if (deleted.has(c)) total += sizes[i];
  });
  return total;
}

/** Bytes for people, decimal units like `docker images` (French: o, ko, Mo, Go). */
export function formatBytes(n: number, lang: Lang): string {
  const units = lang === 'fr' ? ['o', 'ko', 'Mo', 'Go', 'To'] : ['B', 'kB', 'MB', 'GB', 'TB'];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  const text = u === 0 ? String(Math.round(v)) : v.toFixed(v < 10 ? 2 : 1);
  return `${lang === 'fr' ? text.replace('.', ',') : text} ${units[u]}`;
}
