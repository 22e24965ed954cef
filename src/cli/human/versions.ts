// Human rendering (stderr) of `reprise versions`, also listed by `rollback --help`.
import { t, type Lang } from '../../domain/messages';
import type { VersionsResult } from '../../commands/queries';
import type { CliIo } from '../io';
import { table } from '../render';
import { short } from './time';

/** `all`: the tags that belong to other projects are listed too (marked), not only counted. */
export function versionsText(lang: Lang, r: VersionsResult, all = false): string {
  const head = t(lang, 'versionsHeader', { project: r.project, current: r.current ?? '-', previous: r.previous ?? '-' });
  const fr = lang === 'fr';
  const rows = [fr ? ['VERSION', 'CRÉÉE', 'DERNIER DÉPLOIEMENT', 'DERNIER RÉSULTAT', 'REPÈRES'] : ['VERSION', 'CREATED', 'LAST DEPLOYED', 'LAST OUTCOME', 'MARKERS']];
  const envs = r.environments;
  if (envs) rows[0].push(fr ? 'ENVIRONNEMENTS' : 'ENVIRONMENTS');
  for (const v of r.versions) {
    const images = Object.entries(v.images ?? {});
    const inRegistry = images.filter(([, i]) => i.where === 'registry').map(([service]) => service);
    const moved = images.filter(([, i]) => i.moved).map(([service]) => service);
    const markers = [
      v.current ? 'current' : '',
      v.previous ? 'previous' : '',
      v.complete ? '' : `${fr ? 'incomplète, manque' : 'incomplete, missing'}: ${v.missing.join(', ')}`,
      // issue 21: pulled before a release; a tag that names another image than the one the version ran
      inRegistry.length ? (inRegistry.length === images.length ? (fr ? 'registre' : 'registry') : `${fr ? 'registre' : 'registry'}: ${inRegistry.join(', ')}`) : '',
      moved.length ? `${fr ? 'étiquette déplacée' : 'tag moved'}: ${moved.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' ');
    const row = [v.version, short(v.created), short(v.lastDeployed), v.lastOutcome ?? '-', markers];
    if (envs) {
      row.push(
        [v.runningIn?.length ? t(lang, 'versionsRunningIn', { envs: v.runningIn }) : '', v.verifiedIn?.length ? t(lang, 'versionsVerifiedIn', { envs: v.verifiedIn }) : '']
          .filter(Boolean)
          .join('; '),
      );
    }
    rows.push(row);
  }
  if (all) {
    for (const e of r.elsewhere?.versions ?? []) {
      const row = [e.version, '-', '-', '-', t(lang, 'versionsElsewhereMarker', { projects: e.projects })];
      if (envs) row.push('');
      rows.push(row);
    }
  }
  const elsewhere = r.elsewhere?.count
    ? [t(lang, all ? 'versionsElsewhereListed' : 'versionsElsewhere', { count: r.elsewhere.count, projects: r.elsewhere.projects.map((p) => `${p.project}: ${p.count}`).join(', ') })]
    : [];
  const envLines = (envs ?? []).map((e) =>
    e.error
      ? `${e.environment ?? e.project}: ${e.error}`
      : t(lang, 'versionsEnvironment', { environment: e.environment ?? '-', project: e.project, current: e.current ?? (e.runningVersions.length > 1 ? (lang === 'fr' ? 'mixte' : 'mixed') : '-'), lastGood: e.lastGood ?? '-', previous: e.previous ?? '-' }),
  );
  return [head, table(rows), ...elsewhere, ...envLines].join('\n');
}

export function versions(io: CliIo, lang: Lang, r: VersionsResult, all = false): void {
  io.stderr.write(`${versionsText(lang, r, all)}\n`);
}
