// The whole output of a hook, secrets masked, streamed to logs/hooks/<time>-<hook>-<n>.log as it arrives:
// memory holds only the tail the event keeps. The file stays only when the output was longer than that tail.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { LineRedactor } from '../../domain/line-redactor';
import { AppendLog } from '../../adapters/fs/append-log';
import { ensurePrivateDir } from '../../adapters/fs/private';

type Stream = 'stdout' | 'stderr';

function openLog(projectDir: string, now: Date, hook: string, index: number): AppendLog | null {
  try {
    // logs/ is never writable by others (shared with the metrics file); logs/hooks/ is private, as incidents
    mkdirSync(join(projectDir, 'logs'), { recursive: true, mode: 0o755 });
    ensurePrivateDir(join(projectDir, 'logs', 'hooks'));
    const stamp = now.toISOString().replace(/[-:.]/g, '');
    for (let n = 0; n < 10; n++) {
      const name = `${stamp}-${hook}-${index}${n ? `-${n + 1}` : ''}.log`;
      try {
        return new AppendLog(join(projectDir, 'logs', 'hooks', name));
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
    }
  } catch {
    // no log (a read-only or full disk): the event still keeps the tail
  }
  return null;
}

export class HookOutputLog {
  private readonly log: AppendLog | null;
  private readonly decoders: Record<Stream, StringDecoder> = { stdout: new StringDecoder('utf8'), stderr: new StringDecoder('utf8') };
  private readonly redactors: Record<Stream, LineRedactor>;
  /** bytes the hook wrote, both streams */
  total = 0;

  constructor(
    private readonly projectDir: string,
    now: Date,
    hook: string,
    index: number,
    secrets: string[],
  ) {
    this.log = openLog(projectDir, now, hook, index);
    this.redactors = { stdout: new LineRedactor(secrets), stderr: new LineRedactor(secrets) };
  }

  write(chunk: Buffer, stream: Stream): void {
    this.total += chunk.length;
    this.log?.write(this.redactors[stream].push(this.decoders[stream].write(chunk)));
  }

  /** the log's path (relative to the project) when the hook wrote more than `kept` bytes; otherwise it is removed */
  finish(kept: number): string | null {
    if (!this.log) return null;
    for (const s of ['stdout', 'stderr'] as const) this.log.write(this.redactors[s].push(this.decoders[s].end()) + this.redactors[s].end());
    if (this.total <= kept) {
      this.log.discard();
      return null;
    }
    this.log.close();
    return this.log.file.slice(this.projectDir.length + 1);
  }
}
