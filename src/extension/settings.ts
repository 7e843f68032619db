/**
 * The editor's settings (`releaseSafety.*`), read per resource into one typed object, and their
 * combination with the `.release-safety.yaml` file that the CLI reads too.
 *
 * How they combine (also in the README and the setting descriptions): the nearest
 * `.release-safety.yaml` above the file (within its workspace folder) is applied first, then the
 * editor settings win rule by rule: a rule set in `releaseSafety.rules` overrides the file's value
 * for that rule only; the file's other rules stay. `releaseSafety.maxFirstStep`, when set, wins over
 * the file's `maxFirstStep`. Exclude globs add up.
 */
import * as vscode from 'vscode';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { CONFIG_FILE_NAME, mergeLintConfigs, parseLintConfig, type LintConfig } from '../core/config/lintConfig';
import type { SeveritySetting } from '../core/lint/finding';

export type LintOn = 'type' | 'save';

export interface EditorSettings {
  rules: Record<string, SeveritySetting>;
  /** Percent; undefined: the config file's value or the core's default (5). */
  maxFirstStep: number | undefined;
  include: string[];
  exclude: string[];
  lintOn: LintOn;
}

export const DEFAULT_INCLUDE = ['**/*.yaml', '**/*.yml'];
export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**'];
const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

export function readSettings(scope?: vscode.Uri): EditorSettings {
  const c = vscode.workspace.getConfiguration('releaseSafety', scope);
  const rulesRaw = c.get<Record<string, unknown>>('rules') ?? {};
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, sev] of Object.entries(rulesRaw)) {
    const s = typeof sev === 'string' ? sev.toLowerCase() : '';
    if (SEVERITIES.has(s)) rules[id] = s as SeveritySetting;
  }
  const max = c.get<number | null>('maxFirstStep');
  return {
    rules,
    maxFirstStep: typeof max === 'number' && max > 0 && max < 100 ? max : undefined,
    include: stringList(c.get('include'), DEFAULT_INCLUDE),
    exclude: stringList(c.get('exclude'), DEFAULT_EXCLUDE),
    lintOn: c.get<string>('lintOn') === 'save' ? 'save' : 'type',
  };
}

function stringList(v: unknown, fallback: string[]): string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : fallback;
}

export interface ConfigFile {
  path: string;
  config: LintConfig;
  problems: string[];
}

/**
 * Finds and reads `.release-safety.yaml` upward from a file, cached per folder so that typing
 * never touches the disk; a file watcher calls `invalidate()` when any config file changes.
 */
export class ConfigFileCache {
  private readonly byDir = new Map<string, ConfigFile | null>();

  invalidate(): void {
    this.byDir.clear();
  }

  /** The nearest config file for a document, not above its workspace folder. */
  forUri(uri: vscode.Uri): ConfigFile | undefined {
    if (uri.scheme !== 'file') return this.forUntitled();
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const stop = folder?.uri.scheme === 'file' ? folder.uri.fsPath : undefined;
    return this.lookUp(dirname(uri.fsPath), stop) ?? undefined;
  }

  /** Untitled documents take the first workspace folder's root file. */
  private forUntitled(): ConfigFile | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder?.uri.scheme !== 'file') return undefined;
    return this.lookUp(folder.uri.fsPath, folder.uri.fsPath) ?? undefined;
  }

  private lookUp(dir: string, stop: string | undefined): ConfigFile | null {
    const cached = this.byDir.get(dir);
    if (cached !== undefined) return cached;
    let found: ConfigFile | null = null;
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) found = read(candidate);
    else if (stop !== undefined && dir !== stop && dir.startsWith(stop)) {
      const parent = dirname(dir);
      if (parent !== dir) found = this.lookUp(parent, stop);
    }
    this.byDir.set(dir, found);
    return found;
  }
}

function isFile(p: string): boolean {
  try {
    return existsSync(p) && statSync(p).isFile();
  } catch {
    return false;
  }
}

function read(path: string): ConfigFile {
  try {
    const { config, problems } = parseLintConfig(readFileSync(path, 'utf8'));
    return { path, config, problems };
  } catch (e) {
    return { path, config: { rules: {} }, problems: [`${CONFIG_FILE_NAME} could not be read (${(e as Error).message}); its settings are ignored.`] };
  }
}

/** The config file first, then the editor settings rule by rule (see the top of this file). */
export function effectiveConfig(file: ConfigFile | undefined, settings: EditorSettings): LintConfig {
  return mergeLintConfigs(file?.config, {
    rules: settings.rules,
    ...(settings.maxFirstStep !== undefined ? { maxFirstStep: settings.maxFirstStep } : {}),
  });
}
