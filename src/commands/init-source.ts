// Where `reprise init` takes the project from (issue 17): the flags, else a compose project of this directory
// that runs (compose's labels: files, env files, name), else the compose files present — asking when there is
// more than one choice, refusing with one line naming them and the flag to use when it cannot ask.
import { existsSync, readdirSync, realpathSync } from 'node:fs';
import { join, normalize, relative, resolve } from 'node:path';
import type { GlobalOptions } from '../config/project';
import { composeFileChoices, DEFAULT_COMPOSE_NAMES } from '../domain/adopt';
import { projectsOfDirectory, runningComposeProjects, type LabelledContainer, type RunningComposeProject } from '../domain/compose-labels';
import { RepriseError } from '../domain/errors';
import { t, type Lang } from '../domain/messages';

export type SourceKind = 'flags' | 'running' | 'files';

export interface InitSource {
  kind: SourceKind;
  /** compose files, absolute */
  files: string[];
  /** env files, absolute; null: reprise's default (.env when present) */
  envFiles: string[] | null;
  /** project name; null: reprise's default (COMPOSE_PROJECT_NAME, compose `name:`, directory name) */
  projectName: string | null;
  /** the running project adopted */
  running: RunningComposeProject | null;
  /** why the running containers could not be read (engine unreachable): only the files were looked at */
  runningError: string | null;
  /** running projects of this directory whose files are gone: not adoptable as they are */
  staleRunning: string[];
}

export interface SourceInput {
  dir: string;
  options: GlobalOptions;
  lang: Lang;
  /** asks a yes/no question; null with --yes or without a terminal (then several choices are refused) */
  ask: ((question: string) => Promise<boolean>) | null;
  /** compose's containers on the engine (labels and state) */
  running: () => Promise<LabelledContainer[]>;
}

function real(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return normalize(p);
  }
}

/** Asks about each choice in turn (y/N); the first yes wins. Without a way to ask, or no yes: null. */
async function pick<T>(choices: T[], question: (c: T) => string, ask: SourceInput['ask']): Promise<T | null> {
  if (!ask) return null;
  for (const c of choices) if (await ask(question(c))) return c;
  return null;
}

export async function findSource(input: SourceInput): Promise<InitSource> {
  const { dir, options } = input;
  const rel = (f: string): string => relative(dir, f) || f;
  const flagFiles = options.file?.length ? options.file.map((f) => resolve(dir, f)) : null;
  const flagEnv = options.envFile?.length ? options.envFile.map((f) => resolve(dir, f)) : null;
  const flagName = options.projectName ?? null;
  const base: Omit<InitSource, 'kind' | 'files'> = { envFiles: flagEnv, projectName: flagName, running: null, runningError: null, staleRunning: [] };
  if (flagFiles && flagEnv && flagName) return { ...base, kind: 'flags', files: flagFiles };

  // 1. a compose project of this directory that runs (or the one -p names)
  let mine: RunningComposeProject[] = [];
  try {
    const projects = runningComposeProjects(await input.running());
    mine = projectsOfDirectory(projects, real(dir), flagName, (a, b) => real(a) === b || normalize(a) === normalize(dir));
    if (flagFiles) mine = mine.filter((p) => p.configFiles.length === flagFiles.length && p.configFiles.every((f, i) => real(f) === real(flagFiles[i])));
  } catch (e) {
    base.runningError = (e as Error).message.split('\n')[0];
  }
  const stale = mine.filter((p) => p.configFiles.length === 0 || !p.configFiles.every((f) => existsSync(f)));
  base.staleRunning = stale.map((p) => p.name);
  mine = mine.filter((p) => !stale.includes(p));
  if (mine.length > 0) {
    const chosen =
      mine.length === 1
        ? mine[0]
        : await pick(mine, (p) => t(input.lang, 'initAskProject', { project: p.name, files: p.configFiles.map(rel) }), input.ask);
    if (!chosen) {
      throw new RepriseError('USAGE', 'initSeveralProjects', { dir, projects: mine.map((p) => `${p.name} (${p.configFiles.map(rel).join(' + ')})`), name: mine[0].name });
    }
    const envFiles = flagEnv ?? chosen.envFiles ?? (chosen.workingDir && existsSync(join(chosen.workingDir, '.env')) ? [join(chosen.workingDir, '.env')] : []);
    return { ...base, kind: 'running', files: flagFiles ?? chosen.configFiles, envFiles, projectName: flagName ?? chosen.name, running: chosen };
  }
  if (flagFiles) return { ...base, kind: 'flags', files: flagFiles };

  // 2. the compose files present: what a plain `docker compose up` takes, else each variant
  const choices = composeFileChoices(readdirSync(dir));
  if (choices.length === 0) {
    throw new RepriseError('CONFIG_INVALID', 'composeFileMissing', { dir, files: [...DEFAULT_COMPOSE_NAMES, 'docker-compose.*.yml', 'compose.*.yaml'].join(', ') });
  }
  const chosen = choices.length === 1 ? choices[0] : await pick(choices, (c) => t(input.lang, 'initAskFiles', { files: c }), input.ask);
  if (!chosen) throw new RepriseError('USAGE', 'initSeveralFiles', { dir, files: choices.map((c) => c.join(' + ')), first: choices[0].join(' -f ') });
  return { ...base, kind: 'files', files: chosen.map((f) => join(dir, f)) };
}
