// The prod-like fixture (test/fixtures/prod-like) as 28-adopt and 29-router-start-first run it: removed
// again with everything it made (its compose project, leftovers compose no longer knows, its images, its
// directory and its external network).
import { rmSync } from 'node:fs';
import { docker, plainCompose, removeImages, type Project } from './helpers';

export function removeProdLike(p: Project | undefined, composeArgs: string[], edgeNetwork: string): void {
  if (p) {
    plainCompose(p, [...composeArgs, 'down', '-v', '--remove-orphans', '--timeout', '2'], 'v2');
    const left = docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${p.name}`]).stdout.split('\n').filter(Boolean);
    if (left.length) docker(['rm', '-f', '-v', ...left]);
    removeImages(p.versions);
    if (!process.env.REPRISE_IT_KEEP) rmSync(p.dir, { recursive: true, force: true });
  }
  docker(['network', 'rm', edgeNetwork]);
}
