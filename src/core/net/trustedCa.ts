/**
 * Private certificate authorities: a PEM bundle named by `--cacert FILE` or a source's `ca: PATH`.
 * Read and checked up front, so a wrong path or a file that holds no certificate is a clear
 * configuration error instead of a TLS failure later. There is deliberately no way to turn
 * certificate checks off: trusting the right authority is the fix.
 */
import { readFileSync } from 'node:fs';
import { X509Certificate } from 'node:crypto';

export class CaFileError extends Error {
  override name = 'CaFileError';
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** The certificates of a PEM file, each as PEM text. Throws CaFileError in plain words. */
export function readCaFile(path: string, shownAs: string = path): string[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'it is a folder'
          : code === 'EACCES'
            ? 'permission denied'
            : (e as Error).message;
    throw new CaFileError(
      `cannot read the CA file ${shownAs}: ${why}. Name a PEM file with your authority's certificate.`,
    );
  }
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0)
    throw new CaFileError(
      `${shownAs} holds no PEM certificate (-----BEGIN CERTIFICATE-----); export your authority's certificate as PEM.`,
    );
  for (const pem of blocks) {
    try {
      new X509Certificate(pem);
    } catch {
      throw new CaFileError(`${shownAs} has a certificate that does not parse; export it again as PEM.`);
    }
  }
  return blocks;
}

/** What to say when a server's certificate is not trusted: the two ways to trust a private CA. */
export const TRUST_HINT =
  'If it comes from a private CA, trust that CA with --cacert FILE on the command line or ca: FILE (PEM, relative to the config file) in the canary source';

/** TLS verification codes (OpenSSL's, as Node reports them) and what each means for the user. */
const UNTRUSTED: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed CA that is not trusted here',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is unknown here (an incomplete chain or a private CA)',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is unknown here (an incomplete chain or a private CA)',
  UNABLE_TO_GET_ISSUER_CERT: 'its issuer is unknown here',
  CERT_HAS_EXPIRED: 'it has expired',
  CERT_NOT_YET_VALID: 'it is not valid yet (check the clocks)',
  ERR_TLS_CERT_ALTNAME_INVALID: 'it was issued for another host name',
  CERT_REVOKED: 'it has been revoked',
};

/** The reason a certificate was refused, when one of `codes` is a TLS verification code. */
export function untrustedCertificate(codes: readonly string[]): { code: string; why: string } | undefined {
  for (const code of codes) if (UNTRUSTED[code]) return { code, why: UNTRUSTED[code] };
  return undefined;
}

/** Every `code` along an error's cause chain (fetch hides the real reason one or two levels down). */
export function errorCodes(e: unknown): string[] {
  const codes: string[] = [];
  let cur: unknown = e;
  for (let i = 0; i < 5 && cur && typeof cur === 'object'; i++) {
    const c = (cur as { code?: unknown }).code;
    if (typeof c === 'string') codes.push(c);
    const errors = (cur as { errors?: unknown }).errors; // AggregateError (happy eyeballs: IPv4 and IPv6 both failed)
    if (Array.isArray(errors))
      for (const x of errors)
        if (x && typeof (x as { code?: unknown }).code === 'string') codes.push((x as { code: string }).code);
    cur = (cur as { cause?: unknown }).cause;
  }
  return codes;
}
