/**
 * The one argument parser of the CLI commands, on node:util parseArgs (strict: an unknown option
 * is a usage error, never silently ignored). Problems are thrown as UsageError; main() prints
 * them with the command's usage and exits 2, so a command never has to format them itself.
 *
 *   const { values, positionals } = parseCommandArgs(LINT, args);
 *   const format = oneOf(LINT, 'format', values.format ?? 'text', ['text', 'json', 'sarif']);
 */
import { parseArgs } from 'node:util';

export interface ArgOption {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
}

export interface CommandSpec<O extends Record<string, ArgOption> = Record<string, ArgOption>> {
  /** `lint`, `run`, `status`: used in messages. */
  name: string;
  /** The usage line(s) shown with a usage error and for --help. */
  usage: string;
  options: O;
  /** Most positionals allowed (default: any number). */
  maxPositionals?: number;
}

type OptionValue<A extends ArgOption> = A['type'] extends 'boolean'
  ? boolean
  : A['multiple'] extends true
    ? string[]
    : string;

export type ParsedValues<O extends Record<string, ArgOption>> = { [K in keyof O]?: OptionValue<O[K]> };

export interface ParsedCommandArgs<O extends Record<string, ArgOption>> {
  values: ParsedValues<O>;
  positionals: string[];
  /** `--help` / `-h` was given: print the usage, exit 0. */
  help: boolean;
}

/** A mistake in how the command was called: exit 2 with the message and the usage. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A spec with a typed options object (keeps the literal types for ParsedValues). */
export function defineCommand<const O extends Record<string, ArgOption>>(spec: CommandSpec<O>): CommandSpec<O> {
  return spec;
}

export function parseCommandArgs<O extends Record<string, ArgOption>>(
  spec: CommandSpec<O>,
  args: string[],
): ParsedCommandArgs<O> {
  const options = { ...spec.options, help: { type: 'boolean' as const, short: 'h' } };
  let parsed: { values: Record<string, unknown>; positionals: string[] };
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: true }) as typeof parsed;
  } catch (e) {
    throw new UsageError(describeParseError(spec.name, e as Error & { code?: string }), spec.usage);
  }
  const help = parsed.values.help === true;
  delete parsed.values.help;
  if (!help && spec.maxPositionals !== undefined && parsed.positionals.length > spec.maxPositionals) {
    const extra = parsed.positionals
      .slice(spec.maxPositionals)
      .map((p) => `"${p}"`)
      .join(', ');
    throw new UsageError(`release-safety ${spec.name}: unexpected argument ${extra}.`, spec.usage);
  }
  return { values: parsed.values as ParsedValues<O>, positionals: parsed.positionals, help };
}

/** A string option that must be one of a few words (`--format json`). */
export function oneOf<T extends string>(spec: CommandSpec, option: string, value: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(
    `release-safety ${spec.name}: --${option} must be one of ${allowed.join(', ')}, not "${value}".`,
    spec.usage,
  );
}

/** A whole number >= 0 (`--max-warnings 0`). */
export function nonNegativeInteger(spec: CommandSpec, option: string, value: string): number {
  if (/^\d+$/.test(value.trim())) {
    const n = Number(value.trim());
    if (Number.isSafeInteger(n)) return n;
  }
  throw new UsageError(
    `release-safety ${spec.name}: --${option} must be a whole number of 0 or more, not "${value}".`,
    spec.usage,
  );
}

/** Turns node's parseArgs errors into a sentence in the user's words. */
function describeParseError(command: string, e: Error & { code?: string }): string {
  const prefix = `release-safety ${command}:`;
  const option = /'(?:-\w, )?(--?[\w-]+)/.exec(e.message)?.[1];
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `${prefix} unknown option ${option ?? ''}.`.replace(' .', '.');
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      if (option && /argument missing|ambiguous/.test(e.message))
        return `${prefix} ${option} needs a value (${option} VALUE).`;
      if (option && /does not take an argument/.test(e.message)) return `${prefix} ${option} does not take a value.`;
      return `${prefix} ${e.message}`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `${prefix} unexpected argument.`;
    default:
      return `${prefix} ${e.message}`;
  }
}
