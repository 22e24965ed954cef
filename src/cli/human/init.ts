// Human rendering (stderr) of `reprise init`: the file written, then what it decided and what it could not.
import { t, type Lang } from '../../domain/messages';
import type { InitResult } from '../../commands/init';
import type { CliIo } from '../io';

export function init(io: CliIo, lang: Lang, r: InitResult): void {
  const lines = [t(lang, 'initWritten', { file: r.file, count: r.services.length, services: r.services.map((s) => s.name) })];
  // what it decided (✓) and what it could not (!), each with the line of reprise.yml to change
  for (const d of r.decisions) {
    lines.push(`  ${d.status === 'decided' ? '✓' : '!'} ${d.message}`);
    if (d.line) lines.push(`      → ${t(lang, 'initLine', { line: d.line })}`);
  }
  io.stderr.write(`${lines.join('\n')}\n`);
}
