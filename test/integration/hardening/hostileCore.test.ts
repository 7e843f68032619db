/**
 * Hostile files through the core (lintText, what the editor calls on a keystroke): each ends with
 * findings or nothing, never a throw or a rule crash, with ranges inside the text and bounded
 * heap. lintText is synchronous, so one call is the longest slice it can hold the extension host:
 * the slices are printed (test diagnostics), not asserted, per the house rule on timings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/engine';
import { hostileFiles, wrongTypeVariants } from './hostileSet';

function check(name: string, text: string) {
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const result = lintText(text);
  const ms = performance.now() - started;
  const c = process.cpuUsage(cpu0);
  const cpuMs = (c.user + c.system) / 1000;
  assert.deepEqual(result.internalErrors, [], `${name}: a rule crashed`);
  for (const f of result.findings) {
    assert.ok(
      f.offset >= 0 && f.length >= 0 && f.offset + f.length <= text.length,
      `${name}: ${f.rule} range ${f.offset}+${f.length} outside ${text.length}`,
    );
    assert.ok(
      f.message.length > 0 && !/\n\s+at /.test(f.message),
      `${name}: ${f.rule} message is empty or a stack trace`,
    );
  }
  return { ms, cpuMs, findings: result.findings };
}

test('hostile files end in findings or nothing, inside the text, in bounded heap', (t) => {
  const files = hostileFiles();
  const heapBefore = process.memoryUsage().heapUsed;
  let longest = { name: '', ms: 0, cpuMs: 0 };
  const expectFinding: Record<string, RegExp> = {
    'alias bomb (9 levels x 9)': /./,
    '50 MB file': /checks files up to 8 MB/,
    'deep flow nesting (20,000 [)': /nested more than 500 levels/,
    'deep block nesting (3,000 levels)': /nested more than 500 levels/,
    'tabs for indentation': /./,
  };
  for (const f of files) {
    const { ms, cpuMs, findings } = check(f.name, f.text);
    t.diagnostic(
      `lintText slice ${f.name}: ${ms.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU, ${findings.length} findings`,
    );
    if (cpuMs > longest.cpuMs) longest = { name: f.name, ms, cpuMs };
    const want = expectFinding[f.name];
    if (want)
      assert.ok(
        findings.some((x) => want.test(x.message)),
        `${f.name}: expected a finding matching ${want}, got ${JSON.stringify(findings.map((x) => x.message))}`,
      );
  }
  t.diagnostic(
    `longest synchronous lintText slice: ${longest.cpuMs.toFixed(1)} ms CPU, ${longest.ms.toFixed(1)} ms wall (${longest.name})`,
  );
  files.length = 0;
  global.gc?.();
  const grown = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  t.diagnostic(`heap growth after the hostile set: ${grown.toFixed(1)} MB`);
  // The set itself holds ~100 MB of strings while alive; an expanded alias bomb would be GBs.
  assert.ok(grown < 400, `heap grew ${grown.toFixed(0)} MB`);
});

test('the alias bomb is not expanded: the rules see one finding-worthy document, not 9^9 nodes', () => {
  const { findings } = check('alias bomb', hostileFiles()[0].text);
  assert.ok(findings.length < 50, `${findings.length} findings: the aliases were expanded into findings`);
});

test('the same canary with CRLF line ends gives the same findings as with LF', () => {
  const files = hostileFiles();
  const crlf = files.find((f) => f.file === 'crlf.yaml')!;
  const lf = crlf.text.replace(/\r\n/g, '\n');
  const a = check('crlf', crlf.text).findings.map((f) => `${f.rule}: ${f.message}`);
  const b = check('lf', lf).findings.map((f) => `${f.rule}: ${f.message}`);
  assert.deepEqual(a, b);
});

test('bidi controls and emoji in names are kept as data and never break a range', () => {
  const bidi = hostileFiles().find((f) => f.file === 'bidi.yaml')!;
  const { findings } = check('bidi', bidi.text);
  for (const f of findings) {
    // A range that cuts a surrogate pair would render as garbage in the editor.
    const before = bidi.text.charCodeAt(f.offset - 1);
    assert.ok(!(before >= 0xd800 && before <= 0xdbff), `${f.rule} starts inside a surrogate pair`);
  }
});

test('every wrong type in every field of the clean examples: findings, never a crash', (t) => {
  const variants = wrongTypeVariants();
  assert.ok(variants.length > 200, `only ${variants.length} variants were generated`);
  let flagged = 0;
  let longest = 0;
  for (const v of variants) {
    const { ms, findings } = check(v.name, v.text);
    longest = Math.max(longest, ms);
    if (findings.length) flagged++;
  }
  t.diagnostic(
    `${variants.length} wrong-type variants, ${flagged} with findings, longest slice ${longest.toFixed(1)} ms`,
  );
  // Most replacements are mistakes a schema catches; a few (a number for a string name) may pass.
  assert.ok(flagged / variants.length > 0.6, `only ${flagged} of ${variants.length} wrong types were reported`);
});
