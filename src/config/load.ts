// Reads reprise.yml, validates it, and reports problems as CONFIG_INVALID with file, line and key.
import { readFileSync, existsSync } from 'node:fs';
import type { LineCounter, Node, parseDocument as ParseDocument } from 'yaml';
import { RepriseError } from '../domain/errors';
import type { RawConfig } from './schema';
import type { ParseCache } from '../adapters/fs/parse-cache';

// The YAML parser and the schema are loaded only when a file has to be parsed (see parse-cache.ts).
type YamlModule = typeof import('yaml');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const yaml = (): YamlModule => require('yaml') as YamlModule;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schema = (): typeof import('./schema') => require('./schema') as typeof import('./schema');

function invalid(file: string, line: number | string, key: string, problem: string): RepriseError {
  return new RepriseError('CONFIG_INVALID', 'configInvalid', { file, line, key, problem }, { file, line, key, problem });
}

export interface LoadedConfig {
  config: RawConfig;
  /** 1-based line of a key path in the file (0 when there is no file) */
  lineOf: (path: string[]) => number;
}

/** Loads and validates a config file; returns {} when the file is absent and optional. */
export function loadConfigFile(file: string, required: boolean): RawConfig {
  return loadConfig(file, required).config;
}

export function loadConfig(file: string, required: boolean, cache: ParseCache | null = null): LoadedConfig {
  if (!existsSync(file)) {
    if (required) throw invalid(file, 0, '-', 'file not found');
    return { config: {}, lineOf: () => 0 };
  }
  const text = readFileSync(file, 'utf8');
  const cached = cache?.get<RawConfig>('config', text);
  if (cached) {
    // lines are only needed to report a later problem: parse then
    return { config: cached, lineOf: (path) => parseForLines(text)(path) };
  }
  const loaded = parseAndValidate(file, text);
  cache?.set('config', text, loaded.config);
  return loaded;
}

function parseForLines(text: string): (path: string[]) => number {
  const { LineCounter, parseDocument } = yaml();
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  return (path) => lineOf(doc, lc, path);
}

function parseAndValidate(file: string, text: string): LoadedConfig {
  const { LineCounter, parseDocument } = yaml();
  const { configSchema } = schema();
  const lc = new LineCounter();
  // maxAliasCount guards against alias bombs ("billion laughs").
  const doc = parseDocument(text, { lineCounter: lc, uniqueKeys: true, prettyErrors: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const line = e.linePos?.[0]?.line ?? lc.linePos(e.pos[0]).line;
    throw invalid(file, line, '-', e.message.split('\n')[0]);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (e) {
    throw invalid(file, 1, '-', (e as Error).message.split('\n')[0]);
  }
  const parsed = configSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    let path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') path = [...path, String(issue.keys[0])];
    const key = path.join('.') || '-';
    const line = lineOf(doc, lc, path);
    const problem = issue.code === 'unrecognized_keys' ? `unknown key "${issue.keys[0]}"` : issue.message;
    throw invalid(file, line, key, problem);
  }
  return { config: parsed.data, lineOf: (path) => lineOf(doc, lc, path) };
}

export { invalid as configInvalid };

/** Line of the deepest existing node along path (1-based). */
function lineOf(doc: ReturnType<typeof ParseDocument>, lc: LineCounter, path: string[]): number {
  for (let n = path.length; n >= 0; n--) {
    const sub = path.slice(0, n);
    const node: unknown = n === 0 ? doc.contents : doc.getIn(sub, true);
    if (yaml().isNode(node) && (node as Node).range) {
      // For a key, report the key's own line: find the pair in its parent map.
      if (n > 0) {
        const parent: unknown = n === 1 ? doc.contents : doc.getIn(sub.slice(0, -1), true);
        const pairLine = keyLine(parent, sub[sub.length - 1], lc);
        if (pairLine) return pairLine;
      }
      return lc.linePos((node as Node).range![0]).line;
    }
    if (n > 0) {
      const parent: unknown = n === 1 ? doc.contents : doc.getIn(sub.slice(0, -1), true);
      const pairLine = keyLine(parent, sub[sub.length - 1], lc);
      if (pairLine) return pairLine;
    }
  }
  return 1;
}

function keyLine(parent: unknown, key: string, lc: LineCounter): number | null {
  const items = (parent as { items?: Array<{ key?: unknown }> } | null)?.items;
  if (!Array.isArray(items)) return null;
  for (const pair of items) {
    const k = pair.key as Node & { value?: unknown };
    if (yaml().isNode(k) && String(k.value ?? '') === key && k.range) return lc.linePos(k.range[0]).line;
  }
  return null;
}
