// Usage errors (bad flags and values) are one line in the user's language, USAGE, exit 2, nothing run.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { runCli } from '../../src/cli/main';
import { memoryIo } from './cli-io';

async function cli(args: string[], lang: 'fr' | 'en'): Promise<{ code: number; stderr: string; stdout: string; dir: string }> {
  const m = memoryIo({ REPRISE_LANG: lang }, 'reprise-usage-');
  const code = await runCli(args, m.io);
  return { code, stderr: m.stderr(), stdout: m.stdout(), dir: m.dir };
}

const cases: Array<{ args: string[]; en: RegExp; fr: RegExp }> = [
  { args: ['history', '--limit', 'x'], en: /^USAGE: --limit: expected a positive integer, got "x"$/m, fr: /^USAGE: --limit : entier positif attendu, reçu « x »$/m },
  { args: ['deploy', 'v1', '--timeout', 'soon'], en: /^USAGE: --timeout: invalid duration "soon"/m, fr: /^USAGE: --timeout : durée invalide « soon »/m },
  { args: ['monitor', '--for', '0'], en: /^USAGE: --for: invalid duration "0"/m, fr: /^USAGE: --for : durée invalide « 0 »/m },
  { args: ['history', '--show', 'abc'], en: /^USAGE: --show: expected a release id/m, fr: /^USAGE: --show : numéro de release attendu/m },
  { args: ['promote', 'v1', '--from', 'staging', '--to', 'staging'], en: /^USAGE: --from and --to name the same environment "staging"$/m, fr: /^USAGE: --from et --to désignent le même environnement « staging »$/m },
  { args: ['status', '--bogus'], en: /^USAGE: unknown option '--bogus'$/m, fr: /^USAGE: option inconnue « --bogus »$/m },
  { args: ['frobnicate'], en: /^USAGE: unknown command 'frobnicate'$/m, fr: /^USAGE: commande inconnue « frobnicate »$/m },
  { args: ['promote', 'v1', '--to', 'production'], en: /^USAGE: required option '--from <env>' not specified$/m, fr: /^USAGE: option obligatoire « --from <env> » absente$/m },
];

for (const c of cases) {
  for (const lang of ['en', 'fr'] as const) {
    test(`${c.args.join(' ')} (${lang}): USAGE, exit 2, one line and its hint, nothing created`, async () => {
      const r = await cli(c.args, lang);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, lang === 'en' ? c.en : c.fr);
      assert.equal(r.stderr.trim().split('\n').length, 2, `one line then the hint: ${r.stderr}`);
      assert.match(r.stderr, /\n {2}→ /, 'followed by what to do');
      assert.equal(r.stdout, '');
      assert.deepEqual(readdirSync(r.dir), [], 'nothing written in the directory');
    });
  }
}
