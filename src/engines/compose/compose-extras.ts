// What `reprise init` reads of the compose file(s) beyond the release model (compose-file.ts): each
// service's labels, networks and healthcheck command, and the top-level networks that are external.
// Files merged in order as compose does (labels merged, networks and the healthcheck test replaced).
import { readFileSync } from 'node:fs';

export interface ServiceExtras {
  labels: Record<string, string>;
  /** network keys of the service (`default` when it names none) */
  networks: string[];
  /** the healthcheck's `test` as written (null when none or disabled) */
  healthcheckTest: string[] | string | null;
}

export interface ComposeExtras {
  services: Map<string, ServiceExtras>;
  /** top-level network key → its name on the engine, for the external networks (name may hold ${VAR}) */
  externalNetworks: Map<string, string>;
}

type Raw = Record<string, unknown>;

function asRecord(v: unknown): Raw {
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Raw) : {};
}

function labelsOf(v: unknown): Record<string, string> {
  if (Array.isArray(v)) {
    const out: Record<string, string> = {};
    for (const item of v.map(String)) {
      const i = item.indexOf('=');
      out[i < 0 ? item : item.slice(0, i)] = i < 0 ? '' : item.slice(i + 1);
    }
    return out;
  }
  return Object.fromEntries(Object.entries(asRecord(v)).map(([k, x]) => [k, x === null || x === undefined ? '' : String(x)]));
}

export function readComposeExtras(files: string[]): ComposeExtras {
  const services = new Map<string, ServiceExtras>();
  const externalNetworks = new Map<string, string>();
  for (const file of files) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const doc = asRecord((require('yaml') as typeof import('yaml')).parse(readFileSync(file, 'utf8'), { maxAliasCount: 100 }));
    for (const [key, rawNet] of Object.entries(asRecord(doc.networks))) {
      const n = asRecord(rawNet);
      const ext = n.external;
      if (ext === true || (ext && typeof ext === 'object')) {
        externalNetworks.set(key, typeof n.name === 'string' ? n.name : typeof asRecord(ext).name === 'string' ? String(asRecord(ext).name) : key);
      } else if (ext === false) externalNetworks.delete(key);
    }
    for (const [name, rawSvc] of Object.entries(asRecord(doc.services))) {
      const s = asRecord(rawSvc);
      const prev = services.get(name);
      const hc = asRecord(s.healthcheck);
      let test = prev?.healthcheckTest ?? null;
      if ('healthcheck' in s) test = hc.disable === true ? null : Array.isArray(hc.test) ? hc.test.map(String) : typeof hc.test === 'string' ? hc.test : test;
      services.set(name, {
        labels: { ...(prev?.labels ?? {}), ...('labels' in s ? labelsOf(s.labels) : {}) },
        networks: 'networks' in s ? (Array.isArray(s.networks) ? s.networks.map(String) : Object.keys(asRecord(s.networks))) : (prev?.networks ?? ['default']),
        healthcheckTest: test,
      });
    }
  }
  return { services, externalNetworks };
}
