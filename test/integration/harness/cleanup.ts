// Cleanup: a project's stack, images and directory; at the end of a test file, whatever the harness made.
import { rmSync } from 'node:fs';
import { plainCompose } from './compose';
import { removeImages } from './images';
import { docker } from './observe';
import type { Project } from './project';
import { createdProjects, extraProjects, orphanVersions } from './registry';

/** Removes a project's stack, images and directory; describes call it when done so idle stacks don't pile up on the cores. */
export function cleanupProject(p: Project): void {
  const i = createdProjects.indexOf(p);
  if (i >= 0) createdProjects.splice(i, 1);
  // `down` of the project by name: works whatever tags are set, with either compose
  const r = plainCompose(p, ['-p', p.name, 'down', '-v', '--remove-orphans', '--timeout', '2'], 'v1');
  if (r.status !== 0) plainCompose(p, ['-p', p.name, 'down', '-v', '--remove-orphans', '--timeout', '2'], 'v2');
  removeRemains(p);
}

/**
 * What is left of a project once compose took its stack down: containers compose no longer knows about, the
 * images built for it, its directory (kept with REPRISE_IT_KEEP=1).
 */
export function removeRemains(p: Project): void {
  const ids = docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${p.name}`]).stdout.split('\n').filter(Boolean);
  if (ids.length) docker(['rm', '-f', '-v', ...ids]);
  removeImages(p.versions);
  if (!process.env.REPRISE_IT_KEEP) rmSync(p.dir, { recursive: true, force: true });
}

/** Registers another compose project (e.g. an environment of a test project) whose containers, networks and volumes cleanupAll() removes. */
export function alsoCleanup(projectName: string): void {
  extraProjects.add(projectName);
}

export function cleanupAll(): void {
  for (const name of [...extraProjects]) {
    const filter = `label=com.docker.compose.project=${name}`;
    const ids = docker(['ps', '-aq', '--filter', filter]).stdout.split('\n').filter(Boolean);
    if (ids.length) docker(['rm', '-f', '-v', ...ids]);
    const nets = docker(['network', 'ls', '-q', '--filter', filter]).stdout.split('\n').filter(Boolean);
    if (nets.length) docker(['network', 'rm', ...nets]);
    const vols = docker(['volume', 'ls', '-q', '--filter', filter]).stdout.split('\n').filter(Boolean);
    if (vols.length) docker(['volume', 'rm', '-f', ...vols]);
  }
  extraProjects.clear();
  for (const p of createdProjects.splice(0)) cleanupProject(p);
  removeImages(orphanVersions);
  orphanVersions.clear();
}
