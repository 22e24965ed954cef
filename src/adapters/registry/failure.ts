// A failed exchange named in one line: what node's error code or the registry's answer means for the
// operator. Only codes are quoted (node's, and the registry's error codes such as NAME_UNKNOWN), never a
// header or a body: nothing of a credential or a token can reach a message.
import type { Answer } from './transport';
import { RegistryError } from './errors';

/** Node's codes of a certificate the client does not trust (the server does speak TLS). */
const UNTRUSTED = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'CERT_SIGNATURE_FAILURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** A TLS handshake that failed on the protocol itself: e.g. `wrong version number` from a plain-http server. */
export function isTlsProtocolError(err: unknown): boolean {
  const code = (err as NodeJS.ErrnoException | null)?.code ?? '';
  return code === 'EPROTO' || code.startsWith('ERR_SSL_');
}

function codeOf(err: unknown): string {
  return (err as NodeJS.ErrnoException | null)?.code ?? (err instanceof Error ? err.name : 'error');
}

/** `who` is `registry 127.0.0.1:5000` or `the token service of registry ghcr.io (auth.example.com)`. */
export function transportFailure(host: string, who: string, err: unknown, certsFolder: string): RegistryError {
  const code = codeOf(err);
  if (code === 'REPRISE_TIMEOUT') return new RegistryError('unreachable', host, `${who} did not answer within ${(err as { timeoutMs: number }).timeoutMs} ms`);
  if (code === 'REPRISE_BODY_TOO_LARGE') return new RegistryError('protocol', host, `${who} sent ${(err as Error).message}`);
  if (code === 'ECONNREFUSED') return new RegistryError('unreachable', host, `${who} refused the connection (nothing listens there)`);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new RegistryError('unreachable', host, `${who}: the host name does not resolve (${code})`);
  if (UNTRUSTED.has(code)) {
    return new RegistryError('protocol', host, `${who} presented a TLS certificate this machine does not trust (${code}); Docker's CA for it goes in ${certsFolder}/ca.crt`);
  }
  if (isTlsProtocolError(err)) return new RegistryError('protocol', host, `${who}: the TLS handshake failed (${code}; does it speak https?)`);
  return new RegistryError('unreachable', host, `${who} could not be reached (${code})`);
}

/** The registry's own error codes in a JSON error body (`{"errors":[{"code":"NAME_UNKNOWN",…}]}`). */
export function errorCodes(body: Buffer): string[] {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { errors?: Array<{ code?: unknown }> };
    if (!Array.isArray(parsed.errors)) return [];
    return parsed.errors.map((e) => e?.code).filter((c): c is string => typeof c === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(c));
  } catch {
    return [];
  }
}

/** An answer other than the expected one, named by its status and the registry's error codes. */
export function httpFailure(host: string, who: string, what: string, answer: Answer): RegistryError {
  const codes = errorCodes(answer.body);
  const detail = `HTTP ${answer.status}${codes.length ? ` ${codes.join(', ')}` : ''}`;
  if (answer.status === 401 || answer.status === 403) return new RegistryError('auth', host, `${who} denied ${what} (${detail})`);
  if (answer.status === 404) return new RegistryError('not_found', host, `${who} has no ${what} (${detail})`);
  if (answer.status === 429 || answer.status >= 500) return new RegistryError('unreachable', host, `${who} could not answer ${what} (${detail})`);
  return new RegistryError('protocol', host, `${who} answered ${what} with ${detail}`);
}
