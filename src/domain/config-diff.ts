// Pure parts of the configuration history: snapshot hashing, env key changes, service definition
// changes between two sets of compose files, unified diffs with secrets masked. No I/O here.
import { createHash } from 'node:crypto';
import { isSecretName, redact } from './redact';

// yaml and diff are loaded when first needed: deploy and rollback only need them on the config paths
/* eslint-disable @typescript-eslint/no-require-imports */
const parseYaml = (text: string): unknown => (require('yaml') as typeof import('yaml')).parse(text, { maxAliasCount: 100 }) as unknown;
function createTwoFilesPatch(oldName: string, newName: string, oldStr: string, newStr: string, oldHeader: string, newHeader: string, options: { context: number }): string {
  return (require('diff') as typeof import('diff')).createTwoFilesPatch(oldName, newName, oldStr, newStr, oldHeader, newHeader, options);
}
/* eslint-enable @typescript-eslint/no-require-imports */

export interface SnapshotFile {
  role: 'compose' | 'config';
  path: string;
  content: string;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * Content hash of a snapshot: the files (role, path, content, in order) and the env file's path and hash.
 * Two releases that used the same configuration get the same hash, so the snapshot is stored once.
 */
export function snapshotHash(files: SnapshotFile[], env: { path: string; hash: string } | null): string {
  const canonical = JSON.stringify({
    files: files.map((f) => [f.role, f.path, f.content]),
    env: env ? [env.path, env.hash] : null,
  });
  return sha256(canonical);
}

export interface EnvKeyDiff {
  added: string[];
  removed: string[];
  /** keys present on both sides whose value differs; null when a side's values are not available */
  changed: string[] | null;
}

/**
 * Which keys of an env file were added, removed or changed. Takes key → value maps (values are compared,
 * never returned); with only key names for a side (`values` null), `changed` is null (unknown).
 */
export function envKeyDiff(
  before: { keys: string[]; values: Map<string, string> | null } | null,
  after: { keys: string[]; values: Map<string, string> | null } | null,
): EnvKeyDiff {
  const b = new Set(before?.keys ?? []);
  const a = new Set(after?.keys ?? []);
  const added = [...a].filter((k) => !b.has(k)).sort();
  const removed = [...b].filter((k) => !a.has(k)).sort();
  let changed: string[] | null = null;
  if (before?.values && after?.values) {
    const bv = before.values;
    const av = after.values;
    changed = [...a].filter((k) => b.has(k) && bv.get(k) !== av.get(k)).sort();
  } else if (!before || !after) {
    changed = [];
  }
  return { added, removed, changed };
}

type Raw = Record<string, unknown>;

function asRecord(v: unknown): Raw {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {};
}

/** JSON with object keys sorted, so two equal YAML documents compare equal whatever their key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Raw;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v ?? null);
}

/** Per service: its definition in each compose file (in order), canonicalised. */
function serviceDefinitions(texts: string[]): { services: Map<string, string>; topLevel: Map<string, string> } {
  const perService = new Map<string, string[]>();
  const topLevel = new Map<string, string[]>();
  texts.forEach((text, i) => {
    const doc = asRecord(parseYaml(text) ?? null);
    for (const [name, def] of Object.entries(asRecord(doc.services))) {
      const list = perService.get(name) ?? [];
      list.push(`${i}:${canonicalJson(def)}`);
      perService.set(name, list);
    }
    for (const [key, value] of Object.entries(doc)) {
      if (key === 'services') continue;
      const list = topLevel.get(key) ?? [];
      list.push(`${i}:${canonicalJson(value)}`);
      topLevel.set(key, list);
    }
  });
  const join = (m: Map<string, string[]>): Map<string, string> => new Map([...m].map(([k, v]) => [k, v.join('\n')]));
  return { services: join(perService), topLevel: join(topLevel) };
}

export interface ServiceChanges {
  /** services in both whose definition differs */
  changed: string[];
  /** services only in `after` */
  added: string[];
  /** services only in `before` */
  removed: string[];
  /** top-level keys other than services (networks, volumes, name…) that differ */
  topLevel: string[];
}

/** Which services' compose definitions differ between two ordered sets of compose file texts. */
export function serviceChanges(before: string[], after: string[]): ServiceChanges {
  const b = serviceDefinitions(before);
  const a = serviceDefinitions(after);
  const changed: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  for (const [name, def] of a.services) {
    const old = b.services.get(name);
    if (old === undefined) added.push(name);
    else if (old !== def) changed.push(name);
  }
  for (const name of b.services.keys()) if (!a.services.has(name)) removed.push(name);
  const keys = new Set([...a.topLevel.keys(), ...b.topLevel.keys()]);
  const topLevel = [...keys].filter((k) => a.topLevel.get(k) !== b.topLevel.get(k)).sort();
  return { changed: changed.sort(), added: added.sort(), removed: removed.sort(), topLevel };
}

const ASSIGNMENT = /^(\s*(?:-\s*)?["']?)([A-Za-z_][A-Za-z0-9_.-]*)(["']?\s*[:=]\s*)(.*)$/;
const URL_USERINFO = /([a-z][a-z0-9+.-]*:\/\/)([^@\s/]+)@/gi;
const REFERENCE = /\$\{[^}]*\}|\$[A-Za-z_]\w*/g;

/** `user:password` of a URL with a literal password masked; `${VAR}` references (even with `:-default`) are kept. */
function maskUserinfo(userinfo: string): string {
  const refs: string[] = [];
  const tokenised = userinfo.replace(REFERENCE, (r) => `\uE000${refs.push(r) - 1}\uE000`);
  const colon = tokenised.indexOf(':');
  if (colon < 0) return userinfo;
  const password = tokenised.slice(colon + 1);
  if (password === '' || password === '***' || /^(\uE000\d+\uE000)+$/.test(password)) return userinfo;
  const user = tokenised.slice(0, colon).replace(/\uE000(\d+)\uE000/g, (_m, i: string) => refs[Number(i)]);
  return `${user}:***`;
}

/**
 * Masks secrets in one line of a configuration file: the known secret values, the password of a URL
 * (unless it is a `${VAR}` reference), and the literal value of a secret-looking key (`SECRET_KEY: abc`).
 * References such as `${POSTGRES_PASSWORD}` are kept: they are names, not values.
 */
export function maskLine(line: string, secrets: string[]): string {
  let out = redact(line, secrets);
  out = out.replace(URL_USERINFO, (_whole, scheme: string, userinfo: string) => `${scheme}${maskUserinfo(userinfo)}@`);
  const m = ASSIGNMENT.exec(out);
  if (m && isSecretName(m[2])) {
    const value = m[4].trim().replace(/^["']|["']$/g, '');
    if (value !== '' && value !== '***' && !value.includes('$') && !/^[[{|>]/.test(value)) out = `${m[1]}${m[2]}${m[3]}***`;
  }
  return out;
}

/** A unified diff of one file (secrets masked on every line), or null when the texts are equal. */
export function unifiedDiff(path: string, before: string | null, after: string | null, labels: { before: string; after: string }, secrets: string[]): string | null {
  if (before === after) return null;
  const patch = createTwoFilesPatch(before === null ? '/dev/null' : `a/${path}`, after === null ? '/dev/null' : `b/${path}`, before ?? '', after ?? '', labels.before, labels.after, { context: 3 });
  const out: string[] = [];
  for (const l of patch.split('\n')) {
    // the "Index:" / "===" header is not part of a unified diff as git prints it
    if (/^={5,}$/.test(l) || l.startsWith('Index: ')) continue;
    if (l.startsWith('--- ') || l.startsWith('+++ ') || l.startsWith('@@') || l.startsWith('\\')) out.push(redact(l, secrets));
    else if (l.length > 0 && ' +-'.includes(l[0])) out.push(l[0] + maskLine(l.slice(1), secrets));
    else out.push(maskLine(l, secrets));
  }
  return out.join('\n').trimEnd();
}
