/**
 * Which files `release-safety lint PATH...` checks. A named file is checked whatever its name;
 * a folder is searched recursively for *.yaml / *.yml, skipping node_modules and .git (never
 * rollout config, often huge). Symlinked folders are followed once: a loop is visited once.
 * No path means the current folder. `.release-safety.yaml` is settings, not a rollout file.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join, resolve } from 'node:path';
import { CONFIG_FILE_NAME } from '../../core/config/lintConfig';

export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', '.git']);
const YAML_FILE = /\.ya?ml$/i;

export interface FoundFile {
  /** Absolute path. */
  path: string;
  /** Named on the command line (not found by a folder search). */
  explicit: boolean;
}

export interface PathProblem {
  /** As the user wrote it (or the path found inside a folder). */
  path: string;
  message: string;
}

export interface FoundFiles {
  files: FoundFile[];
  /** Paths that could not be read: the command exits 2 after linting the rest. */
  problems: PathProblem[];
  /** Folders named on the command line that hold no YAML file. */
  emptyFolders: string[];
}

export function findFiles(paths: readonly string[], cwd: string): FoundFiles {
  const out: FoundFiles = { files: [], problems: [], emptyFolders: [] };
  const seenFiles = new Set<string>();
  const add = (path: string, explicit: boolean) => {
    const key = realOrSelf(path);
    if (seenFiles.has(key)) return false;
    seenFiles.add(key);
    out.files.push({ path, explicit });
    return true;
  };
  for (const given of paths.length ? paths : ['.']) {
    const abs = resolve(cwd, given);
    let stats;
    try {
      stats = statSync(abs);
    } catch (e) {
      out.problems.push({ path: given, message: describeFsError(e, given) });
      continue;
    }
    if (stats.isDirectory()) {
      const [files, problems] = [out.files.length, out.problems.length];
      walk(abs, new Set([realOrSelf(abs)]), add, out.problems);
      if (out.files.length === files && out.problems.length === problems) out.emptyFolders.push(given);
    } else if (stats.isFile()) add(abs, true);
    else out.problems.push({ path: given, message: `${given} is neither a file nor a folder.` });
  }
  return out;
}

function walk(
  dir: string,
  visited: Set<string>,
  add: (path: string, explicit: boolean) => boolean,
  problems: PathProblem[],
): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (e) {
    problems.push({ path: dir, message: describeFsError(e, dir) });
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(dir, entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      try {
        const s = statSync(path);
        isDir = s.isDirectory();
        isFile = s.isFile();
      } catch {
        continue; // a dangling link inside a folder is not something the user asked to check
      }
    }
    if (isDir) {
      if (SKIPPED_FOLDERS.has(entry.name)) continue;
      const real = realOrSelf(path);
      if (visited.has(real)) continue; // symlink loop or a folder reached twice
      visited.add(real);
      walk(path, visited, add, problems);
    } else if (isFile && YAML_FILE.test(entry.name) && entry.name !== CONFIG_FILE_NAME) add(path, false);
  }
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** An fs error in the user's words: what is wrong with the path and what to do. */
export function describeFsError(e: unknown, path: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return `${path} does not exist. Check the path (a relative path starts at the current folder).`;
    case 'EACCES':
    case 'EPERM':
      return `${path} cannot be read: permission denied. Check its permissions.`;
    case 'ENOTDIR':
      return `${path} does not exist (a part of the path is a file, not a folder).`;
    case 'ELOOP':
      return `${path} is a symbolic link that points back to itself.`;
    case 'EISDIR':
      return `${path} is a folder, not a file.`;
    default:
      return `${path} cannot be read (${(e as Error)?.message ?? String(e)}).`;
  }
}
