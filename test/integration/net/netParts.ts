/**
 * Real network parts on loopback for the network tests: a private certificate authority and a
 * server certificate it signed (openssl, made now), and a real forward proxy (Debian's tinyproxy,
 * a temporary config, its log kept so a test can prove a request went through it).
 */
import { execFileSync } from 'node:child_process';
import { startDaemon } from '../support/daemon';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closedPort } from '../canary/fixtureExporter';

export const OPENSSL = '/usr/bin/openssl';
export const TINYPROXY = '/usr/bin/tinyproxy';

export interface PrivateCa {
  dir: string;
  /** The authority's certificate, PEM, and its file. */
  caPem: string;
  caFile: string;
  /** A server certificate for 127.0.0.1 / localhost signed by the authority, and its key. */
  server: { cert: string; key: string };
  remove(): void;
}

/** A CA and a server certificate it signed; nothing of it is trusted by the system. */
export function makePrivateCa(): PrivateCa {
  const dir = mkdtempSync(join(tmpdir(), 'rs-ca-'));
  const p = (f: string) => join(dir, f);
  const ssl = (args: string[]) => execFileSync(OPENSSL, args, { stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 });
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  ssl([
    'req',
    '-x509',
    ...ec,
    '-keyout',
    p('ca.key'),
    '-out',
    p('ca.pem'),
    '-days',
    '2',
    '-subj',
    '/CN=Release Safety Test Private CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  ssl(['req', ...ec, '-keyout', p('server.key'), '-out', p('server.csr'), '-subj', '/CN=localhost']);
  writeFileSync(
    p('server.ext'),
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n',
  );
  ssl([
    'x509',
    '-req',
    '-in',
    p('server.csr'),
    '-CA',
    p('ca.pem'),
    '-CAkey',
    p('ca.key'),
    '-CAcreateserial',
    '-out',
    p('server.pem'),
    '-days',
    '2',
    '-extfile',
    p('server.ext'),
  ]);
  return {
    dir,
    caPem: readFileSync(p('ca.pem'), 'utf8'),
    caFile: p('ca.pem'),
    server: { cert: readFileSync(p('server.pem'), 'utf8'), key: readFileSync(p('server.key'), 'utf8') },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export interface RunningProxy {
  url: string;
  log(): string;
  /** Lines of the log that name `hostPort` (CONNECT 127.0.0.1:PORT, GET http://127.0.0.1:PORT/...). */
  requestsTo(hostPort: string): string[];
  stop(): Promise<void>;
}

/** tinyproxy on a free loopback port, in the foreground (-d), logging every request. */
export async function startTinyproxy(): Promise<RunningProxy> {
  const dir = mkdtempSync(join(tmpdir(), 'rs-proxy-'));
  const port = await closedPort();
  // No ConnectPort lines: CONNECT is allowed to any port (the test servers' ports come from the OS).
  writeFileSync(
    join(dir, 'tinyproxy.conf'),
    [
      `Port ${port}`,
      'Listen 127.0.0.1',
      'Timeout 30',
      'LogLevel Connect',
      'MaxClients 50',
      'Allow 127.0.0.1',
      'DisableViaHeader Yes',
      '',
    ].join('\n'),
  );
  const daemon = await startDaemon({
    name: 'tinyproxy',
    command: TINYPROXY,
    args: ['-d', '-c', join(dir, 'tinyproxy.conf')],
    dir,
    ready: () => accepts(port),
    timeoutMs: 20_000,
    logChars: 200_000,
  });
  return {
    url: `http://127.0.0.1:${port}`,
    ...daemon,
    requestsTo: (hostPort) =>
      daemon
        .log()
        .split('\n')
        .filter((l) => /Request \(file descriptor \d+\): /.test(l) && l.includes(hostPort)),
  };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });
}
