/** The real disk for ConfigResolver (the CLI, and the editor for `file:` documents). */
import { readFileSync } from 'node:fs';
import type { ConfigFileSystem } from './configResolver';

export const nodeConfigFileSystem: ConfigFileSystem = {
  readFile(path: string): string | undefined {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      // Not there (or a folder of that name): no config here. Anything else is worth saying.
      if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR') return undefined;
      throw e;
    }
  },
};
