// Which local versions are this project's (the rule is in domain/ownership.ts): the facts read from the
// engine (every container with its project label, the images' compose labels), the store (this project's
// releases and builds, the other projects' releases) and the files (env files, .env.rollback).
import { readFileSync } from 'node:fs';
import { parseEnvFile } from '../../adapters/env-file/env-file';
import type { Store } from '../../adapters/store';
import type { Project } from '../../config/project';
import { elsewhereByProject, versionOwnership, type ElsewhereVersion, type OwnReason, type OwnershipFacts } from '../../domain/ownership';
import { tagOf } from '../../domain/plan';
import type { Release } from '../../domain/types';
import { isValidVersion } from '../../domain/version';
import type { VersionInfo } from '../../domain/versions';
import type { EngineContainer, LocalImage } from '../../engines/engine';
import type { OpContext } from '../context';
import type { ResolvedState } from './resolve';

export type OwnedVersion = VersionInfo & { origin: OwnReason[] };

export interface ElsewhereSummary {
  /** how many versions of these repositories belong to other projects */
  count: number;
  /** per other project, how many */
  projects: Array<{ project: string; count: number }>;
  /** each of them, newest first, with whose it is */
  versions: ElsewhereVersion[];
}

export interface ProjectVersions {
  own: OwnedVersion[];
  elsewhere: ElsewhereSummary;
}

/** The version of an image reference for one of the repositories (a digest after the tag dropped), else null. */
function versionOf(image: string, repositories: string[]): string | null {
  for (const r of repositories) {
    const tag = tagOf(image, r)?.split('@')[0];
    if (tag && isValidVersion(tag)) return tag;
  }
  return null;
}

/** The facts the ownership rule judges (no engine call here: the caller passes what it read). */
export function ownershipFacts(
  project: Pick<Project, 'name' | 'versioned' | 'envFileVars' | 'envRollbackFile'>,
  store: Pick<Store, 'listEvents' | 'releasedByOthers'> | null,
  releases: Release[],
  images: LocalImage[],
  all: EngineContainer[],
  running: Iterable<string | null>,
): OwnershipFacts {
  const repos = project.versioned.map((s) => s.repository);
  const tagVars = project.versioned.map((s) => s.tagVariable);
  const runningHere = new Set<string>([...running].filter((v): v is string => Boolean(v)));
  const usedElsewhere = new Map<string, string[]>();
  const claim = (version: string, who: string): void => {
    const list = usedElsewhere.get(version) ?? [];
    if (!list.includes(who)) list.push(who);
    usedElsewhere.set(version, list);
  };
  for (const c of all) {
    const v = versionOf(c.image, repos);
    if (!v) continue;
    if (c.project === project.name) runningHere.add(v);
    else if (c.project) claim(v, c.project);
  }
  for (const r of store?.releasedByOthers(project.name) ?? []) claim(r.version, r.project);
  const configured = new Set<string>();
  const vars = [...project.envFileVars.map((f) => f.vars)];
  try {
    vars.push(parseEnvFile(readFileSync(project.envRollbackFile, 'utf8')));
  } catch {
    // no .env.rollback yet
  }
  for (const m of vars) {
    for (const k of tagVars) {
      const v = m.get(k);
      if (v && isValidVersion(v)) configured.add(v);
    }
  }
  const built = new Set<string>();
  for (const e of store?.listEvents(project.name, { type: 'build' }) ?? []) if (typeof e.details.version === 'string') built.add(e.details.version);
  return {
    project: project.name,
    images: images.filter((i) => repos.includes(i.repository)),
    released: new Set(releases.map((r) => r.version)),
    running: runningHere,
    configured,
    built,
    usedElsewhere,
  };
}

/** The catalogue split: this project's versions (each with why) and a summary of the others. */
export function splitCatalogue(catalogue: VersionInfo[], facts: OwnershipFacts): ProjectVersions {
  const { own, elsewhere } = versionOwnership(
    catalogue.map((v) => v.version),
    facts,
  );
  // the catalogue's order (newest image first)
  const order = new Map(catalogue.map((v, i) => [v.version, i]));
  const others = [...elsewhere].sort((a, b) => (order.get(a.version) ?? 0) - (order.get(b.version) ?? 0));
  return {
    own: catalogue.filter((v) => own.has(v.version)).map((v) => ({ ...v, origin: own.get(v.version)! })),
    elsewhere: { count: others.length, projects: elsewhereByProject(others), versions: others },
  };
}

/** This project's versions and the others, for an operation (one more engine read: every container). */
export async function projectVersions(ctx: Pick<OpContext, 'project' | 'engine' | 'store'>, state: Pick<ResolvedState, 'catalogue' | 'releases' | 'images' | 'running'>): Promise<ProjectVersions> {
  const all = await ctx.engine.allContainers();
  return splitCatalogue(state.catalogue, ownershipFacts(ctx.project, ctx.store, state.releases, state.images, all, state.running.values()));
}

/**
 * Sets `state.ownCatalogue` when a rollback may have to pick from local images (no successful release in the
 * history): it picks among this project's versions only. Returns the state.
 */
export async function withOwnCatalogue<S extends ResolvedState>(ctx: Pick<OpContext, 'project' | 'engine' | 'store'>, state: S): Promise<S> {
  if (state.releases.some((r) => r.outcome === 'success')) return state;
  state.ownCatalogue = (await projectVersions(ctx, state)).own;
  return state;
}
