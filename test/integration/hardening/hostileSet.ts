/**
 * The hostile files every entry point must survive: built here once so the core test, the CLI
 * test and the bench measure the same set. Each entry is text (for lintText) or raw bytes (for
 * the CLI, where binary junk and invalid UTF-8 can only arrive as a file).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface HostileFile {
  name: string;
  /** File-safe name for the CLI test. */
  file: string;
  bytes: Buffer;
  /** What lintText gets (bytes decoded leniently, as an editor would show them). */
  text: string;
}

const ROOT = resolve(__dirname, '..', '..', '..');
const CANARY = readFileSync(join(ROOT, 'examples', 'canary-analysis.yaml'), 'utf8');
const SYNTHETIC = readFileSync(join(ROOT, 'examples', 'synthetic.yaml'), 'utf8');

function fromText(name: string, file: string, text: string): HostileFile {
  return { name, file, text, bytes: Buffer.from(text, 'utf8') };
}

function fromBytes(name: string, file: string, bytes: Buffer): HostileFile {
  return { name, file, bytes, text: new TextDecoder('utf-8').decode(bytes) };
}

/** Billion laughs: 9 levels of 9 references each would expand to 9^9 nodes. */
export function aliasBomb(levels = 9, fanout = 9): string {
  let text = 'canary:\n  service: bomb\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
  for (let i = 1; i < levels; i++)
    text += `  a${i}: &a${i} [${Array(fanout)
      .fill(`*a${i - 1}`)
      .join(', ')}]\n`;
  return `${text}  steps: *a${levels - 1}\n  metrics: *a${levels - 1}\n  alerts: *a${levels - 1}\n`;
}

/** A canary with 80,000 lines: a metric list long enough to be absurd, each entry well-formed. */
function eightyThousandLines(): string {
  const head =
    'canary:\n  service: long\n  steps: [1, 5, 25, 50, 100]\n  interval: 5m\n  on_failure: rollback\n  metrics:\n';
  const lines: string[] = [];
  while (lines.length < 80_000 - 6) lines.push(`    - name: m${lines.length / 2}`, '      threshold: "< 5"');
  return head + lines.join('\n') + '\n';
}

/** Deterministic junk with NUL bytes, as a stray binary file named .yaml would be. */
function binaryJunk(size = 64 * 1024): Buffer {
  const out = Buffer.alloc(size);
  let x = 0x2545f491;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  out[10] = 0;
  return out;
}

export function hostileFiles(): HostileFile[] {
  const fiftyMb = 50 * 1024 * 1024;
  return [
    fromText('alias bomb (9 levels x 9)', 'alias-bomb.yaml', aliasBomb()),
    fromText('80,000-line canary', 'eighty-thousand-lines.yaml', eightyThousandLines()),
    fromText('50 MB file', 'fifty-mb.yaml', `canary:\n  service: big\n  notes: "${'x'.repeat(fiftyMb)}"\n`),
    fromText(
      'deep flow nesting (20,000 [)',
      'deep-flow.yaml',
      'canary: ' + '['.repeat(20_000) + ']'.repeat(20_000) + '\n',
    ),
    fromText(
      'deep block nesting (3,000 levels)',
      'deep-block.yaml',
      `canary:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 2)}k${i}:`).join('\n')}\n`,
    ),
    fromBytes('binary junk with NUL bytes', 'binary.yaml', binaryJunk()),
    fromBytes(
      'invalid UTF-8 (no NUL)',
      'latin1.yaml',
      Buffer.concat([
        Buffer.from('canary:\n  service: caf'),
        Buffer.from([0xe9, 0xff, 0xfe]),
        Buffer.from('\n  steps: [5, 100]\n'),
      ]),
    ),
    fromText('CRLF line ends', 'crlf.yaml', CANARY.replace(/\n/g, '\r\n')),
    fromText('tabs for indentation', 'tabs.yaml', CANARY.replace(/^ {2}/gm, '\t')),
    fromText('empty file', 'empty.yaml', ''),
    fromText('comments only', 'comments.yaml', '# nothing here\n# at all\n'),
    fromText('only a BOM and a document marker', 'bom.yaml', '\uFEFF---\n...\n'),
    fromText(
      'unicode and bidi controls in names',
      'bidi.yaml',
      CANARY.replace('service: checkout', 'service: "check\u202Eout\u2066 \u{1F680} \\0x"').replace(
        'name: queue-depth',
        'name: "queue\u200B-depth\u202E"',
      ),
    ),
    fromText(
      'journey names with bidi and emoji',
      'bidi-synthetic.yaml',
      SYNTHETIC.replace('name: checkout API is healthy', 'name: "checkout \u202Eyhtlaeh\u202C \u{1F6D2}"'),
    ),
  ];
}

/** Every scalar value of the clean examples replaced, one at a time, by each wrong type. */
export function wrongTypeVariants(): { name: string; text: string }[] {
  const wrong = ['[1, 2]', '{ a: 1 }', 'true', 'null', '12', '-1', '"text"', '""', '1e400', '.nan'];
  const out: { name: string; text: string }[] = [];
  for (const [label, source] of [
    ['canary', CANARY],
    ['synthetic', SYNTHETIC],
  ] as const) {
    const lines = source.split('\n');
    lines.forEach((line, i) => {
      const m = /^(\s*(?:- )?[A-Za-z_][\w-]*:)\s+(\S.*)$/.exec(line);
      if (!m) return;
      for (const w of wrong) {
        const copy = lines.slice();
        copy[i] = `${m[1]} ${w}`;
        out.push({ name: `${label} line ${i + 1} ${m[1].trim()} ${w}`, text: copy.join('\n') });
      }
    });
  }
  return out;
}
