/**
 * The network options every command that reaches servers shares (run, status, analyze, monitor):
 * `--cacert FILE`, plus the proxy variables of the environment. One place, so each command adds
 * them with one spread and one call:
 *
 *   options: { ...NETWORK_OPTIONS, format: { type: 'string' } },
 *   const network = networkFromArgs(SPEC, values, io);   // throws UsageError for a bad --cacert
 */
import { resolve } from 'node:path';
import { UsageError, type ArgOption, type CommandSpec } from './args';
import type { CommandIO } from './io';
import { createNetwork, type Network } from '../core/net/network';
import { CaFileError, readCaFile } from '../core/net/trustedCa';

export const NETWORK_OPTIONS = { cacert: { type: 'string' } } as const satisfies Record<string, ArgOption>;

/** Lines for a command's usage text. */
export const NETWORK_USAGE = `  --cacert      a PEM file of certificate authorities to trust (a private CA), added to the system's
HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured; certificate checks cannot be turned off.`;

export function networkFromArgs(
  spec: CommandSpec,
  values: { cacert?: string },
  io: Pick<CommandIO, 'cwd' | 'env'>,
): Network {
  let ca: string[] = [];
  if (values.cacert !== undefined) {
    if (!values.cacert.trim())
      throw new UsageError(`release-safety ${spec.name}: --cacert needs a file (--cacert ca.pem).`, spec.usage);
    try {
      ca = readCaFile(resolve(io.cwd, values.cacert), values.cacert);
    } catch (e) {
      if (e instanceof CaFileError)
        throw new UsageError(`release-safety ${spec.name}: --cacert: ${e.message}`, spec.usage);
      throw e;
    }
  }
  return createNetwork({ proxyEnv: io.env, ca });
}
