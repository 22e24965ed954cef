// Pure: which versions belong to this project (issue 17.6). Images of the same repositories may come from
// elsewhere — another compose project sharing a repository name, another environment of the configuration —
// and were listed as this project's "incomplete versions" (doctor said to remove them). The rule:
//
// A version is this project's when this project
//   released it       — a release of it (any outcome) in this project's history;
//   runs or ran it    — one of this project's containers (any state) was created from it;
//   is configured so  — a tag variable names it in the project's env files or its .env.rollback;
//   built it         — one of its images carries this project's compose label (compose v2's build sets it),
//                       or `deploy --build` recorded building it here;
// or when it is a local build nobody claims: none of its images carries another compose project's label,
// and no other project runs, ran or released it (a `docker build` by CI, scripts/build-images.sh).
// It belongs elsewhere otherwise: then it is summarised in one line, never listed among this project's
// versions and never suggested for removal. A version named on the command line is deployable whatever this
// says (the catalogue of every local image still decides whether it is complete).

/** Why a version is this project's (stable codes, in --json). */
export type OwnReason = 'released' | 'running' | 'configured' | 'built' | 'local' | 'registry';

export interface OwnershipFacts {
  /** this project's compose project name */
  project: string;
  /** images of the versioned services' repositories, with the compose project label each carries */
  images: Array<{ tag: string; project?: string | null }>;
  released: ReadonlySet<string>;
  /** versions this project's containers were created from */
  running: ReadonlySet<string>;
  /** versions its env files and .env.rollback name */
  configured: ReadonlySet<string>;
  /** versions `deploy --build` built here */
  built: ReadonlySet<string>;
  /** version → the other projects that run, ran or released it */
  usedElsewhere: ReadonlyMap<string, readonly string[]>;
}

export interface ElsewhereVersion {
  version: string;
  /** the other compose projects (or environments' projects) it belongs to, sorted */
  projects: string[];
}

export interface Ownership {
  /** this project's versions, each with why */
  own: Map<string, OwnReason[]>;
  /** the others, newest name first (the caller sorts by date) */
  elsewhere: ElsewhereVersion[];
}

/** Splits `versions` into this project's (with why) and the others (with whose they are). */
export function versionOwnership(versions: Iterable<string>, f: OwnershipFacts): Ownership {
  const labels = new Map<string, Set<string>>(); // version -> compose project labels of its images
  for (const img of f.images) {
    if (!img.project) continue;
    const s = labels.get(img.tag) ?? new Set<string>();
    s.add(img.project);
    labels.set(img.tag, s);
  }
  const own = new Map<string, OwnReason[]>();
  const elsewhere: ElsewhereVersion[] = [];
  for (const version of new Set(versions)) {
    const mine = labels.get(version)?.has(f.project) ?? false;
    const reasons: OwnReason[] = [];
    if (f.released.has(version)) reasons.push('released');
    if (f.running.has(version)) reasons.push('running');
    if (f.configured.has(version)) reasons.push('configured');
    if (mine || f.built.has(version)) reasons.push('built');
    const others = new Set([...(labels.get(version) ?? [])].filter((p) => p !== f.project));
    for (const p of f.usedElsewhere.get(version) ?? []) if (p !== f.project) others.add(p);
    if (reasons.length === 0 && others.size === 0) reasons.push('local');
    if (reasons.length) own.set(version, reasons);
    else elsewhere.push({ version, projects: [...others].sort() });
  }
  return { own, elsewhere };
}

/** "recyclic-staging: 2, shop: 1" — how many of the others each project holds, most first. */
export function elsewhereByProject(elsewhere: ElsewhereVersion[]): Array<{ project: string; count: number }> {
  const counts = new Map<string, number>();
  for (const e of elsewhere) for (const p of e.projects) counts.set(p, (counts.get(p) ?? 0) + 1);
  return [...counts.entries()].map(([project, count]) => ({ project, count })).sort((a, b) => b.count - a.count || a.project.localeCompare(b.project));
}
