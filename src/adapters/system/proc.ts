// What this machine's /proc says: memory, the kernel's IPVS, the default Docker daemon's environment.
import { existsSync, readFileSync } from 'node:fs';

/** /proc/meminfo as it is (kB values); throws when it cannot be read. */
export function readMeminfo(): string {
  return readFileSync('/proc/meminfo', 'utf8');
}

/** The kernel has IPVS (Swarm's virtual IPs and routing mesh need it). */
export function hasIpvs(): boolean {
  return existsSync('/proc/net/ip_vs');
}

/**
 * The environment of the daemon of the default socket (/var/run/docker.pid, then /proc/PID/environ); null
 * when it cannot be read (another user, another pid file).
 */
export function defaultDockerdEnviron(): string[] | null {
  try {
    const pid = readFileSync('/var/run/docker.pid', 'utf8').trim();
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0');
  } catch {
    return null;
  }
}
