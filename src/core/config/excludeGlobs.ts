/**
 * The `exclude` globs of `.release-safety.yaml`, relative to the folder of that file, matched the
 * way .gitignore users expect: `*` and `?` stay inside one path segment, `**` crosses folders,
 * `{a,b}` is either; a pattern without a slash matches at any depth; a pattern that matches a
 * folder excludes everything in it. Pure: paths in, yes/no out (the CLI and the editor share it).
 */

/** Compiled once per config file. */
export interface ExcludeMatcher {
  /** `relPath` is relative to the config's folder, with `/` separators. */
  matches(relPath: string): boolean;
}

export function compileExcludes(globs: readonly string[]): ExcludeMatcher {
  const regexps = globs.map(toRegExp).filter((r): r is RegExp => r !== undefined);
  return {
    matches(relPath: string): boolean {
      if (regexps.length === 0) return false;
      const path = relPath.replace(/\\/g, '/').replace(/^\.\//, '');
      // Outside the config's folder: its globs say nothing about it.
      if (path === '' || path.startsWith('../') || path === '..' || path.startsWith('/')) return false;
      const parts = path.split('/');
      // The path itself, then each folder that holds it ("vendor" excludes "vendor/a/b.yaml").
      for (let n = parts.length; n >= 1; n--) {
        const candidate = parts.slice(0, n).join('/');
        if (regexps.some((r) => r.test(candidate))) return true;
      }
      return false;
    },
  };
}

function toRegExp(glob: string): RegExp | undefined {
  let g = glob.trim().replace(/\\/g, '/').replace(/^\.\//, '');
  if (g === '' || g.startsWith('#')) return undefined;
  g = g.replace(/\/+$/, ''); // "dist/" means the folder dist
  if (g === '') return undefined;
  const anchored = g.startsWith('/') || g.includes('/');
  g = g.replace(/^\/+/, '');
  const body = translate(g);
  return new RegExp(`^${anchored ? '' : '(?:.*/)?'}${body}$`);
}

function translate(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      const before = i === 0 || glob[i - 1] === '/';
      const after = glob[i + 2];
      if (before && after === '/') {
        out += '(?:.*/)?'; // "**/" : zero or more folders
        i += 2;
      } else if (before && after === undefined) {
        out += '.*';
        i += 1;
      } else {
        out += '[^/]*'; // "a**b" is just "a*b"
        i += 1;
      }
    } else if (c === '*') out += '[^/]*';
    else if (c === '?') out += '[^/]';
    else if (c === '{') {
      const close = glob.indexOf('}', i);
      if (close < 0) {
        out += '\\{';
        continue;
      }
      const alternatives = glob.slice(i + 1, close).split(',');
      out += `(?:${alternatives.map(translate).join('|')})`;
      i = close;
    } else out += c.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  return out;
}
