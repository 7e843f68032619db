/**
 * What `run` and `monitor` do before anything is sent: read the synthetic file, fill variables
 * from the environment and `--env-file` (the environment wins, as dotenv does), apply the
 * governing `.release-safety.yaml`, and refuse journeys that lint marks unsafe. Problems are
 * printed in the user's words and come back as an exit code; nothing runs then.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseEnv } from 'node:util';
import { EXIT_USAGE, type CommandIO } from '../io';
import { ConfigResolver } from '../../core/config/configResolver';
import { nodeConfigFileSystem } from '../../core/config/nodeConfigFileSystem';
import { loadJourneyFile, type JourneyFile } from '../../core/journey/safety';
import type { Journey } from '../../core/synthetic/model';
import type { Ref } from '../../core/parse/yamlNodes';
import type { LineIndex } from '../../core/text/lineIndex';

export interface PreparedJourneys {
  /** Absolute path of the file. */
  path: string;
  /** The path as the user sees it (relative to the working folder when inside it). */
  shown: string;
  loaded: JourneyFile;
  journeys: Journey[];
  /** `${env:X}` and `${secret:X}`: the environment, then the env file. */
  lookup: (name: string) => string | undefined;
  env: Record<string, string | undefined>;
}

export function prepareJourneys(
  command: string,
  io: CommandIO,
  options: { file: string; envFile?: string; journey?: string },
): PreparedJourneys | { exitCode: number } {
  const fail = (message: string) => {
    io.err(`release-safety ${command}: ${message}\n`);
    return { exitCode: EXIT_USAGE };
  };
  const path = resolve(io.cwd, options.file);
  const shown = displayPath(path, io.cwd);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    return fail(
      `cannot read ${shown}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`,
    );
  }

  const env: Record<string, string | undefined> = {};
  if (options.envFile !== undefined) {
    const envPath = resolve(io.cwd, options.envFile);
    try {
      Object.assign(env, parseEnv(readFileSync(envPath, 'utf8')));
    } catch (e) {
      return fail(
        `cannot read the env file ${displayPath(envPath, io.cwd)}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`,
      );
    }
  }
  // The real environment wins over the file, as dotenv does: CI can override a checked-in default.
  for (const [k, v] of Object.entries(io.env)) if (v !== undefined) env[k] = v;

  const configWarnings: string[] = [];
  const found = new ConfigResolver(nodeConfigFileSystem, (configPath, problem) =>
    configWarnings.push(`warning: ${displayPath(configPath, io.cwd)}: ${problem}`),
  ).forFile(path);
  for (const w of configWarnings) io.err(`release-safety ${command}: ${w}\n`);
  const loaded = loadJourneyFile(text, { config: found?.config });
  const where = (ref: Ref) => location(shown, loaded.file.lineIndex, ref);
  if (loaded.problems.length) {
    for (const p of loaded.problems) io.err(`${where(p)} error ${p.message} (${p.rule})\n`);
    return fail(`${shown} has YAML errors; fix them and run again.`);
  }
  if (loaded.journeys.length === 0)
    return fail(`${shown} has no journeys: expected a document with "synthetic:" and a "journeys:" list.`);

  let journeys: Journey[] = loaded.journeys;
  if (options.journey !== undefined) {
    journeys = journeys.filter((j) => j.name === options.journey);
    if (journeys.length === 0)
      return fail(
        `no journey named "${options.journey}" in ${shown}. Journeys: ${loaded.journeys.map((j) => `"${j.name}"`).join(', ')}.`,
      );
  }
  const refused = journeys.filter((j) => loaded.refusals.has(j));
  if (refused.length) {
    for (const j of refused) {
      const r = loaded.refusals.get(j)!;
      io.err(`${where(r.ref)} journey "${j.name}" refused: ${r.message}\n`);
    }
    return fail(
      `${refused.length} journey${refused.length > 1 ? 's are' : ' is'} not safe to run; nothing was run. Fix the errors above (release-safety lint ${shown}).`,
    );
  }
  return { path, shown, loaded, journeys, lookup: (name) => env[name], env };
}

export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : path;
}

export function location(file: string, lineIndex: LineIndex, ref: Ref): string {
  const p = lineIndex.positionAt(ref.offset);
  return `${file}:${p.line + 1}:${p.character + 1}`;
}
