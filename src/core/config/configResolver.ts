/**
 * The one way to know which `.release-safety.yaml` governs a file and whether its `exclude` leaves
 * the file out. The CLI, the editor's diagnostics and the journey runner all ask an instance of
 * this class, so they can never disagree about a file.
 *
 * - The governing file is the nearest one in the file's folder or above (up to the root, or up to
 *   `stopAt` when given: the editor stops at the workspace folder).
 * - `exclude` globs are relative to the config's folder and matched by `compileExcludes`.
 * - Each folder is looked up once ("is there a config right here?") and remembered, so a lint pass
 *   over many files, or typing in one, never touches the disk again. `invalidate(path)` forgets
 *   what is known about one config file (or everything) and tells the listeners, so that callers
 *   re-lint: the editor calls it from its file watcher.
 *
 * Pure apart from the file system, which is passed in (`nodeConfigFileSystem` for the real disk).
 */
import { dirname, join, relative, sep } from 'node:path';
import { compileExcludes, type ExcludeMatcher } from './excludeGlobs';
import { CONFIG_FILE_NAME, parseLintConfig, type LintConfig } from './lintConfig';

/** What the resolver needs from a file system. */
export interface ConfigFileSystem {
  /**
   * The text of the file at `path`; undefined when there is no such file (or it is a folder).
   * Throws when the file exists but cannot be read (the resolver turns that into a problem).
   */
  readFile(path: string): string | undefined;
}

export interface ResolvedConfig {
  /** Absolute path of the config file. */
  path: string;
  config: LintConfig;
  /** What is wrong in the file (each a sentence); the settings that are fine still apply. */
  problems: string[];
  exclude: ExcludeMatcher;
}

export interface LookupOptions {
  /** The highest folder searched (inclusive); a folder outside it looks only in itself. */
  stopAt?: string;
}

export type ConfigChangeListener = (changedPath: string | undefined) => void;

export class ConfigResolver {
  /** folder -> the config file right in it (null: none there). */
  private readonly inFolder = new Map<string, ResolvedConfig | null>();
  private readonly listeners = new Set<ConfigChangeListener>();

  /** @param onProblem receives each problem of a config file when that file is read. */
  constructor(
    private readonly fs: ConfigFileSystem,
    private readonly onProblem?: (configPath: string, problem: string) => void,
  ) {}

  /** The config governing a file (absolute path), or undefined when there is none. */
  forFile(filePath: string, options: LookupOptions = {}): ResolvedConfig | undefined {
    return this.forFolder(dirname(filePath), options);
  }

  /** The config governing the files of a folder (absolute path). */
  forFolder(folder: string, options: LookupOptions = {}): ResolvedConfig | undefined {
    const stop = options.stopAt;
    const bounded = stop !== undefined && !isInside(folder, stop);
    let current = folder;
    for (;;) {
      const here = this.configIn(current);
      if (here) return here;
      if (bounded || current === stop) return undefined;
      const parent = dirname(current);
      if (parent === current) return undefined;
      current = parent;
    }
  }

  /** Whether the governing config's `exclude` globs leave this file out. */
  isExcluded(filePath: string, options: LookupOptions = {}): boolean {
    const found = this.forFile(filePath, options);
    return found !== undefined && excludes(found, filePath);
  }

  /**
   * Forgets what is known about one config file (its path; created, changed or deleted), or about
   * all of them, and notifies the listeners.
   */
  invalidate(configPath?: string): void {
    if (configPath === undefined) this.inFolder.clear();
    else this.inFolder.delete(dirname(configPath));
    for (const listener of [...this.listeners]) listener(configPath);
  }

  /** Called after every `invalidate`; returns a function that unsubscribes. */
  onDidChange(listener: ConfigChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private configIn(folder: string): ResolvedConfig | null {
    const known = this.inFolder.get(folder);
    if (known !== undefined) return known;
    const found = this.load(join(folder, CONFIG_FILE_NAME));
    this.inFolder.set(folder, found);
    return found;
  }

  private load(path: string): ResolvedConfig | null {
    let text: string | undefined;
    const problems: string[] = [];
    try {
      text = this.fs.readFile(path);
      if (text === undefined) return null;
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      problems.push(`${CONFIG_FILE_NAME} cannot be read (${code ?? (e as Error).message}); its settings are ignored.`);
    }
    const parsed = parseLintConfig(text ?? '');
    problems.push(...parsed.problems);
    for (const p of problems) this.onProblem?.(path, p);
    return { path, config: parsed.config, problems, exclude: compileExcludes(parsed.config.exclude ?? []) };
  }
}

/** Whether `config`'s exclude globs leave out `filePath` (absolute). */
export function excludes(config: ResolvedConfig, filePath: string): boolean {
  return config.exclude.matches(relative(dirname(config.path), filePath).split(sep).join('/'));
}

function isInside(folder: string, root: string): boolean {
  const rel = relative(root, folder);
  return rel === '' || (!rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel));
}
