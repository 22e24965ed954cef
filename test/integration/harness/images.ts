// The demo's versioned images: built per version with scripts/build-images.sh, removed again by tag.
import { spawnSync } from 'node:child_process';
import { docker } from './observe';
import { BUILD_IMAGES, REPO, VERSIONED } from './paths';
import type { Project } from './project';
import { orphanVersions } from './registry';

/** Builds complete (or --only / --broken) image sets for the versions; records them for cleanup. */
export function buildImages(p: Project | null, versions: string[], extra: string[] = []): void {
  const r = spawnSync('bash', [BUILD_IMAGES, ...extra, ...versions], { cwd: REPO, encoding: 'utf8', timeout: 300_000 });
  for (const v of versions) {
    if (p) p.versions.add(v);
    else orphanVersions.add(v);
  }
  if (r.status !== 0) throw new Error(`build-images.sh ${[...extra, ...versions].join(' ')} failed (${r.status}):\n${r.stderr}`);
}

/** Removes the versioned images of these versions: only the tags a test created, never the base or infrastructure images. */
export function removeImages(versions: Iterable<string>): void {
  const refs: string[] = [];
  for (const v of versions) for (const s of VERSIONED) refs.push(`recyclic-${s}:${v}`);
  if (refs.length === 0) return;
  const existing = refs.filter((r) => docker(['image', 'inspect', r]).status === 0);
  if (existing.length) docker(['rmi', ...existing]);
}
