// Human rendering (stderr) of `reprise lock status`.
import { t, type Lang } from '../../domain/messages';
import type { LockResult } from '../../commands/lock';
import { lockParams } from '../../release/guard';
import type { CliIo } from '../io';

export function lock(io: CliIo, lang: Lang, r: LockResult): void {
  const h = r.holder;
  io.stderr.write(`${h ? t(lang, 'lockHeld', lockParams(h)) : t(lang, 'lockFree')}\n`);
}
