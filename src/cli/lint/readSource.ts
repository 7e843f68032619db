/**
 * Reads one file for linting. What cannot be linted as text (too large, binary, not UTF-8) comes
 * back as a finding on the file, so a CI run reports it next to the others instead of crashing.
 */
import { readFileSync, statSync } from 'node:fs';
import { DEFAULT_MAX_CHARS } from '../../core/parse/parseFile';
import type { Finding } from '../../core/lint/finding';
import { describeFsError } from './findFiles';

export type SourceRead =
  { kind: 'text'; text: string } | { kind: 'finding'; finding: Finding } | { kind: 'unreadable'; message: string };

/** UTF-8 takes at most 4 bytes per character: beyond this no file can be under the limit. */
const MAX_BYTES = DEFAULT_MAX_CHARS * 4;
const SNIFF_BYTES = 8000;

export function readSource(path: string, displayPath: string): SourceRead {
  let size: number;
  try {
    size = statSync(path).size;
  } catch (e) {
    return { kind: 'unreadable', message: describeFsError(e, displayPath) };
  }
  if (size > MAX_BYTES)
    return fileFinding(
      `The file is ${mb(size)} MB; Release Safety checks files up to ${mb(DEFAULT_MAX_CHARS)} MB. Split it into smaller files.`,
    );
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    return { kind: 'unreadable', message: describeFsError(e, displayPath) };
  }
  return decodeSource(bytes);
}

/** Bytes (a file's, or standard input's) as text, or the finding that says why they are not. */
export function decodeSource(bytes: Buffer): SourceRead {
  if (bytes.length > MAX_BYTES)
    return fileFinding(
      `The input is ${mb(bytes.length)} MB; Release Safety checks files up to ${mb(DEFAULT_MAX_CHARS)} MB. Split it into smaller files.`,
    );
  // A NUL byte near the start is how git and grep tell binary files; YAML text never has one.
  if (bytes.subarray(0, SNIFF_BYTES).includes(0))
    return fileFinding(
      'This is a binary file, not YAML text. Remove it or rename it so that it does not end in .yaml / .yml.',
    );
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fileFinding('The file is not UTF-8 text. Save it as UTF-8 (YAML files must be UTF-8).');
  }
  return { kind: 'text', text };
}

function fileFinding(message: string): SourceRead {
  return { kind: 'finding', finding: { rule: 'yaml/syntax', severity: 'error', message, offset: 0, length: 0 } };
}

function mb(n: number): string {
  return (n / (1024 * 1024)).toFixed(1).replace(/\.0$/, '');
}
