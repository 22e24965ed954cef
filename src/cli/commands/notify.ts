// `reprise notify test`: a test notification through every configured channel, each result printed.
import type { Command } from 'commander';
import { EXIT } from '../../domain/errors';
import { t } from '../../domain/messages';
import { writeJson } from '../render';
import { help, type Cli } from './shared';

export function register(program: Command, { io, state, act }: Cli): void {
  const { lang } = state;
  const notify = program.command('notify').description(help(lang, 'notifications: test', 'notifications : test'));
  notify
    .command('test')
    .description(help(lang, 'send a test notification through every configured channel and print each result', 'envoyer une notification de test par chaque canal configuré et afficher chaque résultat'))
    .action(
      act(async (getCtx, g) => {
        const { notifyTest } = await import('../../release/record/notify');
        const r = await notifyTest(getCtx());
        if (g.json) writeJson(io, { ok: r.ok, deliveries: r.deliveries });
        else if (!r.configured) io.stderr.write(`${t(state.lang, 'notifyNoChannel')}\n`);
        else {
          for (const d of r.deliveries) {
            const p = { channel: d.channel, recipient: d.recipient, ms: d.ms, attempts: d.attempts, error: d.error ?? '-' };
            io.stderr.write(`${t(state.lang, d.ok ? 'notifyResultOk' : 'notifyResultFailed', p)}\n`);
          }
          io.stderr.write(`${t(state.lang, 'notifyTestDone', { ok: r.deliveries.filter((d) => d.ok).length, total: r.deliveries.length })}\n`);
        }
        return r.ok ? EXIT.OK : EXIT.FAILED;
      }, true),
    );
}
