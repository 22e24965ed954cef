// Remembers what a detection of an external program answered (today: which compose), with the fingerprint of
// the programs it depends on (adapters/process/program-fingerprint), in .reprise/tools.json. A file of its own,
// not parse-cache.json: the engine and the project loader would each hold a copy of that one and the later
// save would drop the other's entries. Detecting compose runs three programs (docker, its plugin's metadata, the plugin):
// 0.3 s on a quiet machine, over a second on a busy one, at every command. A changed fingerprint is a miss.
// Written only where .reprise/ exists; never throws (a cache that cannot be read or written only costs time).
import { existsSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic';

type Entries = Record<string, { fingerprint: string; value: unknown }>;

function read(file: string): Entries {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as unknown;
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Entries) : {};
  } catch {
    return {};
  }
}

export class ToolCache {
  constructor(private readonly file: string | null) {}

  /** the value kept for `kind`, when it was kept with this very fingerprint */
  get<T>(kind: string, fingerprint: string): T | undefined {
    if (!this.file) return undefined;
    const e = read(this.file)[kind];
    return e && e.fingerprint === fingerprint ? (e.value as T) : undefined;
  }

  set(kind: string, fingerprint: string, value: unknown): void {
    if (!this.file || !existsSync(dirname(this.file))) return;
    try {
      const entries = read(this.file);
      entries[kind] = { fingerprint, value };
      writeFileAtomic(this.file, JSON.stringify(entries), 0o600);
    } catch {
      // only costs time
    }
  }
}
