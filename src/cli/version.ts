/**
 * The CLI's version: baked in by the bundler (scripts/build.mjs defines __VERSION__), read from
 * package.json when running from source (tests through tsx).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

declare const __VERSION__: string | undefined;

function fromPackageJson(): string {
  try {
    return (
      (JSON.parse(readFileSync(join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version?: string }).version ??
      '0.0.0'
    );
  } catch {
    return '0.0.0';
  }
}

export const VERSION: string = typeof __VERSION__ === 'string' ? __VERSION__ : fromPackageJson();
