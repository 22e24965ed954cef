import * as fs from 'node:fs';
import * as path from 'node:path';
import type { MetricsEntry } from '../../domain/types';
import { readMetricsText } from '../../domain/metrics-import';
import { existingMode, writeFileAtomic } from '../fs/atomic';

type ReadResult = { kind: 'missing' } | { kind: 'ok'; entries: MetricsEntry[]; imported: number } | { kind: 'invalid'; reason: string };

/**
 * Appends one entry to the metrics file, which is always a valid JSON array.
 * A file written by the guide's old script (concatenated JSON objects, one per rollback) is imported: its
 * entries are kept as they were, in order, and `imported` says how many there were. Any other file that is
 * not a valid JSON array is never lost: it is renamed aside to `<file>.corrupt-<UTC timestamp>` and a
 * warning names it.
 */
export function appendMetricsEntry(file: string, entry: MetricsEntry, now: Date = new Date()): { warning: string | null; imported: number } {
  // logs/ is shared with the incident folders (private themselves): never writable by others, whatever the umask
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
  const current = readArray(file);
  let entries: MetricsEntry[] = [];
  let warning: string | null = null;
  let imported = 0;
  if (current.kind === 'ok') {
    entries = current.entries;
    imported = current.imported;
  } else if (current.kind === 'invalid') {
    const kept = moveAside(file, now);
    warning = `${file} was not a valid JSON array (${current.reason}); kept as ${kept}, starting a new file`;
  }
  entries.push(entry);
  writeFileAtomic(file, JSON.stringify(entries, null, 2) + '\n', metricsFileMode(file));
  return { warning, imported };
}

/**
 * The metrics file holds no secret (versions, durations, host and user names, redacted errors) and the guide's
 * old tooling reads it: 0644, whatever the umask. Never wider: an existing file keeps a tighter mode (an owner
 * who made it 0600 keeps 0600) and loses any write or execute bit for others.
 */
const METRICS_FILE_MODE = 0o644;

function metricsFileMode(file: string): number {
  const current = existingMode(file);
  return current === undefined ? METRICS_FILE_MODE : current & 0o777 & METRICS_FILE_MODE;
}

/** The entries of the metrics file (the old script's objects read as entries); [] when missing. Throws when it is neither. */
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
  const r = readMetricsText(text);
  if (r.kind === 'invalid') return r;
  return { kind: 'ok', entries: r.entries as MetricsEntry[], imported: r.kind === 'concatenated' ? r.imported : 0 };
}

function moveAside(file: string, now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  let target = `${file}.corrupt-${stamp}`;
  for (let i = 1; fs.existsSync(target); i++) target = `${file}.corrupt-${stamp}-${i}`;
  fs.renameSync(file, target);
  return target;
}
