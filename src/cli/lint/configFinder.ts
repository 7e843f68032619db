/**
 * Finds the `.release-safety.yaml` that governs a file: the nearest one in the file's folder or
 * above. Each folder is looked up once (a repository of many files costs one stat per folder),
 * and each config's problems are reported once, as warnings: a bad config never stops a lint.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { CONFIG_FILE_NAME, parseLintConfig, type LintConfig } from '../../core/config/lintConfig';
import { compileExcludes, type ExcludeMatcher } from '../../core/config/excludeGlobs';

export interface FoundConfig {
  /** Absolute path of the config file. */
  path: string;
  config: LintConfig;
  exclude: ExcludeMatcher;
}

export class ConfigFinder {
  /** folder -> its governing config (null: none up to the root). */
  private readonly byFolder = new Map<string, FoundConfig | null>();

  /** @param warn receives each config problem once, e.g. printed to stderr. */
  constructor(private readonly warn: (configPath: string, problem: string) => void) {}

  /** The config for a file (absolute path), or undefined when there is none. */
  forFile(filePath: string): FoundConfig | undefined {
    return this.forFolder(dirname(filePath)) ?? undefined;
  }

  /** Whether the governing config's `exclude` globs leave this file out. */
  isExcluded(filePath: string): boolean {
    const found = this.forFile(filePath);
    if (!found) return false;
    return found.exclude.matches(relative(dirname(found.path), filePath).split(sep).join('/'));
  }

  private forFolder(folder: string): FoundConfig | null {
    const cached = this.byFolder.get(folder);
    if (cached !== undefined) return cached;
    // Walk up until a folder is known or a config is found, then fill the cache on the way back.
    const pending: string[] = [];
    let current = folder;
    let found: FoundConfig | null = null;
    for (;;) {
      const known = this.byFolder.get(current);
      if (known !== undefined) {
        found = known;
        break;
      }
      pending.push(current);
      const candidate = join(current, CONFIG_FILE_NAME);
      if (isFile(candidate)) {
        found = this.load(candidate);
        break;
      }
      const parent = dirname(current);
      if (parent === current) break;
      current = parent;
    }
    for (const f of pending) this.byFolder.set(f, found);
    return found;
  }

  private load(path: string): FoundConfig {
    let text = '';
    try {
      text = readFileSync(path, 'utf8');
    } catch (e) {
      this.warn(path, `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); its settings are ignored.`);
    }
    const { config, problems } = parseLintConfig(text);
    for (const p of problems) this.warn(path, p);
    return { path, config, exclude: compileExcludes(config.exclude ?? []) };
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
