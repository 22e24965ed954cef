// The checks of the lock and the journal (state store, read-only) and of this machine: disk, memory.
import { isHolderDead } from '../../adapters/store';
import { readMeminfo, statfs } from '../../adapters/system';
import { daemonAnswers, diskFromStatfs, interruptedCheck, judgeDisk, judgeLock, judgeMemory, memoryFromMeminfo, type DiskFacts, type UnmeasuredDisk } from '../../domain/doctor';
import { interruptedOperation, interruptedParams } from '../../release/guard';
import type { DoctorRow } from './table';

export const lockRow: DoctorRow = {
  id: 'lock',
  project: true,
  store: 'fail',
  run: ({ store, project, host }) => {
    const h = store ? store.getLock(project.name) : null;
    return judgeLock(h, h ? isHolderDead(h, host) : false, host);
  },
};

export const interruptedRow: DoctorRow = {
  id: 'interrupted',
  project: true,
  store: 'fail',
  run: ({ lang, store, project, host }) => {
    const j = store ? interruptedOperation({ store, project, host }) : null;
    return interruptedCheck(lang, j, j ? interruptedParams(j) : {});
  },
};

export const diskRow: DoctorRow = {
  id: 'disk',
  run: async ({ lang, dir, daemon, connection }) => {
    const disks: DiskFacts[] = [];
    const unmeasured: UnmeasuredDisk[] = [];
    const measure = async (role: DiskFacts['role'], path: string): Promise<void> => {
      try {
        disks.push(diskFromStatfs(role, path, await statfs(path)));
      } catch (e) {
        unmeasured.push({ role, path, reason: (e as Error).message });
      }
    };
    await measure('project', dir);
    if (daemonAnswers(daemon) && daemon.rootDir) {
      // the data root is on the daemon's machine: measurable from here only through a local socket
      if (connection.host.where?.local) await measure('docker', daemon.rootDir);
      else unmeasured.push({ role: 'docker', path: daemon.rootDir, reason: 'remote engine' });
    }
    return judgeDisk(lang, disks, unmeasured);
  },
};

export const memoryRow: DoctorRow = {
  id: 'memory',
  run: () => {
    const m = memoryFromMeminfo(readMeminfo());
    if (!m) throw new Error('/proc/meminfo: no MemTotal/MemAvailable');
    return judgeMemory(m);
  },
};
