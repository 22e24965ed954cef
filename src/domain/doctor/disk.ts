// disk (`df -h`): the filesystems of the project directory and of Docker's data root.
import { t, type Lang } from '../messages';
import { formatBytes, GiB, MiB } from './bytes';
import { worst, type CheckStatus, type Judgement } from './check';

export interface DiskFacts {
  /** what this filesystem holds: the project directory or Docker's data root */
  role: 'project' | 'docker';
  path: string;
  totalBytes: number;
  availableBytes: number;
  usedPercent: number;
  /** a network file system (NFS, CIFS/SMB, …) by its statfs type, or null when it is local */
  network?: string | null;
}

/** statfs f_type magic numbers of network file systems, where SQLite's locking is not reliable. */
const NETWORK_FS: Record<number, string> = { 0x6969: 'NFS', 0xff534d42: 'CIFS', 0xfe534d42: 'SMB2', 0x517b: 'SMB', 0x564c: 'NCP', 0x73757245: 'Coda', 0x5346414f: 'AFS', 0x19830326: 'FhGFS', 0x47504653: 'GPFS', 0x00c36400: 'Ceph', 0x0bd00bd0: 'Lustre' };

export function networkFsName(type: number | undefined): string | null {
  return type === undefined ? null : (NETWORK_FS[type] ?? null);
}

/** A filesystem that could not be measured, and why. */
export interface UnmeasuredDisk {
  role: DiskFacts['role'];
  path: string;
  reason: string;
}

/** From statfs figures, like df: used / (used + available to unprivileged users). */
export function diskFromStatfs(role: DiskFacts['role'], path: string, s: { bsize: number; blocks: number; bfree: number; bavail: number; type?: number }): DiskFacts {
  const used = s.blocks - s.bfree;
  const denom = used + s.bavail;
  return { role, path, totalBytes: s.blocks * s.bsize, availableBytes: s.bavail * s.bsize, usedPercent: denom > 0 ? Math.round((used / denom) * 1000) / 10 : 0, network: networkFsName(s.type) };
}

/** fail: ≥ 95 % used or < 500 MiB free; warn: ≥ 85 % used or < 2 GiB free. */
export function diskStatus(d: DiskFacts): CheckStatus {
  if (d.usedPercent >= 95 || d.availableBytes < 500 * MiB) return 'fail';
  if (d.usedPercent >= 85 || d.availableBytes < 2 * GiB) return 'warn';
  return 'ok';
}

export function judgeDisk(lang: Lang, disks: DiskFacts[], unmeasured: UnmeasuredDisk[]): Judgement {
  let status: CheckStatus = unmeasured.length && disks.length === 0 ? 'warn' : 'ok';
  for (const d of disks) status = worst(status, diskStatus(d));
  const list = disks
    .map((d) =>
      t(lang, 'doctorDiskEntry', {
        role: t(lang, d.role === 'docker' ? 'doctorDiskRoleDocker' : 'doctorDiskRoleProject'),
        path: d.path,
        used: d.usedPercent,
        free: formatBytes(d.availableBytes),
        total: formatBytes(d.totalBytes),
      }),
    )
    .join('; ');
  const details = { filesystems: disks.map((d) => ({ ...d, status: diskStatus(d) })), unmeasured };
  // one project directory belongs to one host: SQLite's locking is not reliable over a network file system
  const shared = disks.find((d) => d.role === 'project' && d.network);
  if (shared && status !== 'fail') return { status: 'warn', summary: ['doctorDiskNetwork', { path: shared.path, kind: shared.network!, list }], fix: ['doctorDiskNetworkFix', {}], details };
  if (status === 'ok' || disks.length === 0) return { status, summary: ['doctorDiskOk', { list: list || '-' }], fix: null, details };
  return { status, summary: ['doctorDiskLow', { list }], fix: ['doctorDiskFix', {}], details };
}
