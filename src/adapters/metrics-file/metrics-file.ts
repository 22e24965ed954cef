import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MetricsEntry } from '../../domain/types';
import { writeFileAtomic } from '../fs/atomic';

type ReadResult = { kind: 'missing' } | { kind: 'ok'; entries: MetricsEntry[] } | { kind: 'invalid'; reason: string };

/**
 * Appends one entry to the metrics file, which is always a valid JSON array.
 * A file that is not a valid JSON array is never lost: it is renamed aside to
 * `<file>.corrupt-<UTC timestamp>` and a warning names it.
 */
export function appendMetricsEntry(file: string, entry: MetricsEntry, now: Date = new Date()): { warning: string | null } {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = readArray(file);
  let entries: MetricsEntry[] = [];
  let warning: string | null = null;
  if (current.kind === 'ok') {
    entries = current.entries;
  } else if (current.kind === 'invalid') {
    const kept = moveAside(file, now);
    warning = `${file} was not a valid JSON array (${current.reason}); kept as ${kept}, starting a new file`;
  }
  entries.push(entry);
  writeFileAtomic(file, JSON.stringify(entries, null, 2) + '\n');
  return { warning };
}

/** The entries of the metrics file; [] when missing. Throws when it is not a valid JSON array. */
export function readMetricsFile(file: string): MetricsEntry[] {
  const r = readArray(file);
  if (r.kind === 'missing') return [];
  if (r.kind === 'invalid') throw new Error(`${file} is not a valid JSON array: ${r.reason}`);
  return r.entries;
}

function readArray(file: string): ReadResult {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'missing' };
    throw err;
  }
  if (text.trim() === '') return { kind: 'invalid', reason: 'empty file' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (err) {
    return { kind: 'invalid', reason: (err as Error).message };
  }
  if (!Array.isArray(parsed)) return { kind: 'invalid', reason: 'not an array' };
  return { kind: 'ok', entries: parsed as MetricsEntry[] };
}

function moveAside(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  let target = `${file}.corrupt-${stamp}`;
  for (let i = 1; fs.existsSync(target); i++) target = `${file}.corrupt-${stamp}-${i}`;
  fs.renameSync(file, target);
  return target;
}
