// A throw-away CA and a server certificate for IP 127.0.0.1 signed by it, made with openssl (argument arrays,
// never a shell), for a test registry served over TLS. EC P-256 keys: made in milliseconds.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChecked } from '../../../src/adapters/process/run';

const OPENSSL_CONFIG = `[req]
distinguished_name = dn
prompt = no
[dn]
CN = reprise test registry
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
[server]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

export interface TestCertificates {
  caFile: string;
  certFile: string;
  keyFile: string;
}

/** Writes ca.crt, server.crt and server.key (and the CA's key) into `dir`. */
export async function makeTestCertificates(dir: string): Promise<TestCertificates> {
  const f = (name: string): string => join(dir, name);
  writeFileSync(f('openssl.cnf'), OPENSSL_CONFIG);
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const opts = { timeoutMs: 20_000 };
  await runChecked('openssl', ['req', '-x509', ...key, '-keyout', f('ca.key'), '-out', f('ca.crt'), '-days', '2', '-config', f('openssl.cnf'), '-extensions', 'ca', '-subj', '/CN=reprise test CA'], opts);
  await runChecked('openssl', ['req', '-new', ...key, '-keyout', f('server.key'), '-out', f('server.csr'), '-config', f('openssl.cnf'), '-subj', '/CN=127.0.0.1'], opts);
  await runChecked(
    'openssl',
    ['x509', '-req', '-in', f('server.csr'), '-CA', f('ca.crt'), '-CAkey', f('ca.key'), '-CAcreateserial', '-out', f('server.crt'), '-days', '2', '-extfile', f('openssl.cnf'), '-extensions', 'server'],
    opts,
  );
  return { caFile: f('ca.crt'), certFile: f('server.crt'), keyFile: f('server.key') };
}
