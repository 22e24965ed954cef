// Masks secrets in a stream of output, line by line: a chunk boundary can fall inside a secret, a line
// cannot (a secret holds no newline). A line longer than MAX_LINE is let through in pieces so memory stays
// bounded; a secret cut by that split is the one case left unmasked (documented with the hook log).
import { redact } from './redact';

/** the longest line held back waiting for its end */
export const MAX_LINE = 64 * 1024;

export class LineRedactor {
  private pending = '';

  constructor(
    private readonly secrets: string[],
    private readonly maxLine = MAX_LINE,
  ) {}

  /** the masked complete lines of `chunk` (with what came before it); the unfinished line is kept */
  push(chunk: string): string {
    const text = this.pending + chunk;
    const nl = text.lastIndexOf('\n');
    if (nl < 0) {
      if (text.length <= this.maxLine) {
        this.pending = text;
        return '';
      }
      this.pending = '';
      return redact(text, this.secrets);
    }
    this.pending = text.slice(nl + 1);
    const out = redact(text.slice(0, nl + 1), this.secrets);
    if (this.pending.length > this.maxLine) return out + this.end();
    return out;
  }

  /** the unfinished last line, masked */
  end(): string {
    const rest = this.pending;
    this.pending = '';
    return rest ? redact(rest, this.secrets) : '';
  }
}
