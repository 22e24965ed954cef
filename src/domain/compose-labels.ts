// The compose projects that run on the engine, read from the labels compose puts on every container it
// creates. Both compose v1 (1.28+) and v2 write the same names:
//   com.docker.compose.project                   the project name
//   com.docker.compose.project.working_dir       the project directory (absolute)
//   com.docker.compose.project.config_files      the compose files, comma-separated (v1 may keep them relative)
//   com.docker.compose.project.environment_file  the --env-file(s), comma-separated (v2 joins several;
//                                                 absent when none was given: compose then read the
//                                                 project directory's .env, if any)
//   com.docker.compose.oneoff                    True for `compose run` containers (not the project's own)
// Pure: the containers are listed by the engine layer (docker-reads.ts).
import { isAbsolute, normalize, resolve } from 'node:path';

export const LABEL_PROJECT = 'com.docker.compose.project';
export const LABEL_WORKING_DIR = 'com.docker.compose.project.working_dir';
export const LABEL_CONFIG_FILES = 'com.docker.compose.project.config_files';
export const LABEL_ENVIRONMENT_FILE = 'com.docker.compose.project.environment_file';
export const LABEL_ONEOFF = 'com.docker.compose.oneoff';
export const LABEL_SERVICE = 'com.docker.compose.service';

export interface LabelledContainer {
  labels: Record<string, string>;
  /** running, exited, … */
  state: string;
}

export interface RunningComposeProject {
  name: string;
  /** absolute, null when the label is absent (compose older than 1.28) */
  workingDir: string | null;
  /** absolute paths, in compose's order */
  configFiles: string[];
  /** absolute paths in order; null when compose was given no --env-file (it read the directory's .env then) */
  envFiles: string[] | null;
  services: string[];
  /** containers of the project, and how many of them run */
  containers: number;
  running: number;
}

function paths(value: string | undefined, base: string | null): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => normalize(isAbsolute(p) || !base ? p : resolve(base, p)));
}

/**
 * The compose projects of the listed containers that have at least one running container (`compose run`
 * containers left out), by name. The files and env files are those a running container carries (the last
 * `up` made it), else those of any of its containers.
 */
export function runningComposeProjects(list: LabelledContainer[]): RunningComposeProject[] {
  const groups = new Map<string, LabelledContainer[]>();
  for (const c of list) {
    const name = c.labels[LABEL_PROJECT];
    if (!name || c.labels[LABEL_ONEOFF] === 'True') continue;
    groups.set(name, [...(groups.get(name) ?? []), c]);
  }
  const out: RunningComposeProject[] = [];
  for (const [name, members] of groups) {
    const running = members.filter((c) => c.state === 'running');
    if (running.length === 0) continue;
    const source = running.find((c) => c.labels[LABEL_CONFIG_FILES]) ?? members.find((c) => c.labels[LABEL_CONFIG_FILES]) ?? running[0];
    const wd = source.labels[LABEL_WORKING_DIR] ?? members.find((c) => c.labels[LABEL_WORKING_DIR])?.labels[LABEL_WORKING_DIR];
    const workingDir = wd ? normalize(wd) : null;
    const env = source.labels[LABEL_ENVIRONMENT_FILE];
    out.push({
      name,
      workingDir,
      configFiles: paths(source.labels[LABEL_CONFIG_FILES], workingDir),
      envFiles: env ? paths(env, workingDir) : null,
      services: [...new Set(members.map((c) => c.labels[LABEL_SERVICE]).filter((s): s is string => Boolean(s)))].sort(),
      containers: members.length,
      running: running.length,
    });
  }
  return out.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The running projects of a directory: its working directory is `dir` (both given as the caller resolved
 * them, symbolic links followed), or, with a project name asked for (-p), that project wherever it runs.
 */
export function projectsOfDirectory(projects: RunningComposeProject[], dir: string, name: string | null, same: (a: string, b: string) => boolean): RunningComposeProject[] {
  if (name) return projects.filter((p) => p.name === name);
  return projects.filter((p) => p.workingDir !== null && same(p.workingDir, dir));
}
