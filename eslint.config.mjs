import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { readdirSync } from 'node:fs';

// Imports point inward (docs/architecture.md):
//   cli, server → commands → release → config → engines, adapters → domain
// A folder's files may import their own folder and anything further in, never anything further out.
const NODE_IO = ['fs', 'fs/promises', 'child_process', 'net', 'http', 'https', 'tls', 'dgram', 'dns', 'os', 'worker_threads', 'cluster'].flatMap((m) => [m, `node:${m}`]);
// adapters/ folders other than the shared primitives: an adapter never imports another one
const SIBLING_ADAPTERS = readdirSync(new URL('./src/adapters/', import.meta.url), { withFileTypes: true })
  .filter((e) => e.isDirectory() && !['fs', 'process'].includes(e.name))
  .flatMap((e) => [`../${e.name}`, `../${e.name}/**`]);
const outward = (...folders) => folders.flatMap((f) => [`**/${f}`, `**/${f}/**`]);
const rule = (message, groups, paths = []) => ({
  'no-restricted-imports': ['error', { paths: paths.map((name) => ({ name, message })), patterns: [{ group: groups, message }] }],
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', '.build-*/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    rules: rule('domain/ judges: it imports only domain/ and no I/O module (docs/architecture.md).', outward('adapters', 'engines', 'config', 'release', 'commands', 'cli', 'server'), NODE_IO),
  },
  {
    // the shared primitives (fs, process) are the only adapters another adapter may use
    files: ['src/adapters/**/*.ts'],
    rules: rule(
      'adapters/ do I/O: they import domain/, their own folder and adapters/fs or adapters/process only (docs/architecture.md).',
      [...outward('engines', 'config', 'release', 'commands', 'cli', 'server'), ...SIBLING_ADAPTERS],
    ),
  },
  {
    files: ['src/engines/**/*.ts'],
    rules: rule('engines/ are adapters: they import domain/, adapters/ and engines/ only (docs/architecture.md).', outward('config', 'release', 'commands', 'cli', 'server')),
  },
  {
    files: ['src/config/**/*.ts'],
    rules: rule('config/ builds a Project: it imports domain/, adapters/ and engines/ only (docs/architecture.md).', outward('release', 'commands', 'cli', 'server')),
  },
  {
    files: ['src/release/**/*.ts'],
    rules: rule('release/ is the five steps: it never imports commands/, cli/ or server/ (docs/architecture.md).', outward('commands', 'cli', 'server')),
  },
  {
    files: ['src/commands/**/*.ts'],
    rules: rule('commands/ orchestrate the steps: they never import cli/ or server/ (docs/architecture.md).', outward('cli', 'server')),
  },
);
