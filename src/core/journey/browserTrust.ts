/**
 * Private certificate authorities for browser journeys. API steps trust `--cacert` through Node's
 * TLS options; Chromium does not read those: on Linux it trusts the system's roots plus the NSS
 * database in $HOME/.pki/nssdb. So when a run has extra authorities, the browser is started with
 * a throwaway HOME whose NSS database trusts exactly those (certutil from libnss3-tools), and that
 * folder is deleted when the browser goes away. Certificate checks stay on: the page's chain must
 * lead to one of these authorities or to a system root.
 *
 * The user's own ~/.pki/nssdb is never written. On macOS and Windows Chrome trusts the system's
 * store only, so there the CA belongs in that store (the untrusted-certificate message says so).
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const CERTUTIL = 'certutil';

export interface BrowserTrust {
  /** The HOME to start the browser with. */
  home: string;
  /** Deletes the folder (idempotent). */
  remove(): void;
}

/** Whether the browser on this platform can be given extra authorities by us. */
export function canTrustForBrowser(platform: NodeJS.Platform = process.platform): boolean {
  return platform === 'linux';
}

function certutil(args: string[], signal: AbortSignal, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { timeout: 30_000, signal }, (e, _out, err) => {
      if (!e) return resolve();
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT')
        return reject(
          new Error(
            'browser journeys trust --cacert through certutil, which is not installed: install the package libnss3-tools (Debian/Ubuntu: apt-get install libnss3-tools; Fedora: nss-tools)',
          ),
        );
      if (code === 'ABORT_ERR') return reject(new Error('cancelled while the browser was starting'));
      reject(new Error(`certutil could not add the CA for the browser: ${String(err || e.message).trim()}`));
    });
  });
}

/**
 * A HOME whose NSS database trusts `pems` (one PEM certificate each) for TLS servers. Throws in
 * plain words when certutil is missing or refuses a certificate; nothing is left behind then.
 */
export async function prepareBrowserTrust(
  pems: readonly string[],
  signal: AbortSignal,
  command: string = CERTUTIL,
): Promise<BrowserTrust> {
  const home = mkdtempSync(join(tmpdir(), 'rs-browser-home-'));
  const remove = () => rmSync(home, { recursive: true, force: true });
  try {
    const db = join(home, '.pki', 'nssdb');
    mkdirSync(db, { recursive: true, mode: 0o700 });
    await certutil(['-N', '--empty-password', '-d', `sql:${db}`], signal, command);
    for (const [i, pem] of pems.entries()) {
      const file = join(home, `ca-${i + 1}.pem`);
      writeFileSync(file, pem.endsWith('\n') ? pem : `${pem}\n`);
      // -t C,, : a trusted CA for TLS servers only (not for mail or code signing).
      await certutil(
        ['-A', '-n', `release-safety-ca-${i + 1}`, '-t', 'C,,', '-i', file, '-d', `sql:${db}`],
        signal,
        command,
      );
    }
    return { home, remove };
  } catch (e) {
    remove();
    throw e;
  }
}

/** The CLI's way to trust a private CA, said when the browser refuses a certificate. */
export const BROWSER_TRUST_HINT =
  'If it comes from a private CA, trust that CA with --cacert FILE (PEM) on the command line';

/** How to trust a private CA: the caller's words (the editor's), else what the CLI and this platform allow. */
export function trustHint(
  options: { untrustedHint?: string; ca?: readonly string[] },
  platform: NodeJS.Platform = process.platform,
): string {
  if (options.untrustedHint) return options.untrustedHint;
  if (!canTrustForBrowser(platform))
    return "If it comes from a private CA, add that CA to the system's certificate store: here the browser reads only that one (--cacert covers the API steps)";
  if (options.ca?.length)
    return '--cacert was given, but none of its authorities signed this certificate: check that the file holds the CA that issued it';
  return BROWSER_TRUST_HINT;
}

/** Chromium's certificate errors, in the user's words. */
const CERT_ERRORS: Record<string, string> = {
  ERR_CERT_AUTHORITY_INVALID: 'its issuer is unknown to the browser (a private CA, or an incomplete chain)',
  ERR_CERT_DATE_INVALID: 'it has expired or is not valid yet (check the clocks)',
  ERR_CERT_COMMON_NAME_INVALID: 'it was issued for another host name',
  ERR_CERT_REVOKED: 'it has been revoked',
  ERR_CERT_WEAK_KEY: 'its key is too weak',
  ERR_CERT_WEAK_SIGNATURE_ALGORITHM: 'it is signed with a weak algorithm',
};

/**
 * The message for a page whose certificate the browser refused (`net::ERR_CERT_… at https://host/`),
 * or undefined when the error is something else. Only an unknown issuer gets the CA hint: for an
 * expired certificate or a wrong name, trusting another CA would not help.
 */
export function certificateRefused(message: string, hint: string): string | undefined {
  const cert = /ERR_CERT_\w+/.exec(message)?.[0];
  if (!cert) return undefined;
  const host = /\bat https:\/\/([^\s/?#]+)/.exec(message)?.[1] ?? 'the page';
  const why = CERT_ERRORS[cert] ?? 'the browser refused it';
  return `the TLS certificate of ${host} is not trusted (${cert}): ${why}${cert === 'ERR_CERT_AUTHORITY_INVALID' ? `. ${hint}` : ''}`;
}
