// Parsed (and, for reprise.yml, validated) YAML memoised by content hash in .reprise/parse-cache.json.
// Loading the YAML parser and the schema library costs ~170 ms at start-up; read-only commands on an
// unchanged project skip both. The key includes the content hash and the schema build's mtime, so an
// edited file or an upgraded reprise is parsed and validated again. Written only where .reprise/ exists.
// A document with a secret written in it as a literal (a password in `environment:`, a webhook URL, a URL
// with a password or a query string) is never cached: the cache holds no secret (and is 0600 besides).
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { holdsLiteralSecret } from '../../domain/literal-secrets';
import { writeFileAtomic } from './atomic';

const MAX_ENTRIES = 32;

function codeStamp(): string {
  try {
    return String(statSync(join(__dirname, 'schema.js')).mtimeMs);
  } catch {
    return '0';
  }
}

export class ParseCache {
  private entries: Record<string, { at: number; value: unknown }> = {};
  private dirty = false;
  private readonly stamp = codeStamp();

  constructor(private readonly file: string | null) {
    if (file && existsSync(file)) {
      try {
        this.entries = JSON.parse(readFileSync(file, 'utf8')) as typeof this.entries;
        // an entry an older reprise cached with a secret in it goes at the next save
        for (const [k, e] of Object.entries(this.entries)) {
          if (holdsLiteralSecret(e?.value)) {
            delete this.entries[k];
            this.dirty = true;
          }
        }
      } catch {
        this.entries = {};
      }
    }
  }

  private key(kind: string, text: string): string {
    return `${kind}:${createHash('sha256').update(this.stamp).update('\0').update(text).digest('hex')}`;
  }

  get<T>(kind: string, text: string): T | undefined {
    const e = this.entries[this.key(kind, text)];
    return e ? (e.value as T) : undefined;
  }

  /** keeps `value` for `text`, unless it holds a literal secret (such a document is parsed at every run) */
  set(kind: string, text: string, value: unknown): void {
    if (holdsLiteralSecret(value)) return;
    this.entries[this.key(kind, text)] = { at: Date.now(), value };
    this.dirty = true;
  }

  /** Persists new entries; never throws, never creates the state folder. */
  save(): void {
    if (!this.dirty || !this.file || !existsSync(dirname(this.file))) return;
    const kept = Object.entries(this.entries)
      .sort((a, b) => b[1].at - a[1].at)
      .slice(0, MAX_ENTRIES);
    try {
      // private like the files it caches the content of
      writeFileAtomic(this.file, JSON.stringify(Object.fromEntries(kept)), 0o600);
      this.dirty = false;
    } catch {
      // a cache that cannot be written only costs time
    }
  }
}
