/**
 * A small, strict table-driven tester for lint rules (eslint's RuleTester shape):
 *   runRuleTests(rule, { valid: [...], invalid: [...] })
 * Each invalid case lists every finding the rule must report, in order, with its full range
 * (`offset`+`length`, or 1-based `line`/`column`/`endLine`/`endColumn`, or the exact `text` the
 * range covers, optionally the `occurrence` of that text, or the first one `after` another text). When `output` is given, the rule's fixes
 * are applied and the result must equal it, parse, and no longer get that finding; `output: null`
 * asserts that no fix is offered. `suggestions` work the same for suggestions (never auto-applied).
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { lintText } from '../../../src/core/lint/engine';
import type { Finding } from '../../../src/core/lint/finding';
import { formatMessage, type LintSettings, type MessageData, type Rule } from '../../../src/core/lint/rule';
import { applyEdits } from '../../../src/core/lint/fixes/yamlEdits';
import { parseFile } from '../../../src/core/parse/parseFile';

export interface ValidCase {
  name?: string;
  code: string;
  settings?: Partial<LintSettings>;
}

export interface ExpectedFinding {
  /** The rule's message id (preferred over matching the English). */
  messageId?: string;
  /** With `messageId`: the placeholders' values; the message must be the template filled with them. */
  data?: MessageData;
  message?: string | RegExp;
  offset?: number;
  length?: number;
  line?: number;
  column?: number;
  endLine?: number;
  endColumn?: number;
  /** The exact source text the range must cover (its first occurrence, or `occurrence`). */
  text?: string;
  /** 0-based: which occurrence of `text` (default 0). */
  occurrence?: number;
  /** Look for `text` only after the first occurrence of this text (e.g. `after: 'min_requests: '`). */
  after?: string;
}

export interface ExpectedSuggestion {
  title?: string | RegExp;
  output: string;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedFinding[];
  /** Text after applying every fix of this rule; null: no fix may be offered. */
  output?: string | null;
  /** Per finding (in order): the suggestions and their outputs. */
  suggestions?: ExpectedSuggestion[][];
}

export interface RuleTests {
  valid: Array<ValidCase | string>;
  invalid: InvalidCase[];
}

export function lintWithRule(rule: Rule, code: string, settings?: Partial<LintSettings>): Finding[] {
  const result = lintText(code, { rules: [rule], ...(settings ? { settings } : {}) });
  assert.deepEqual(result.internalErrors, [], `the rule threw: ${result.internalErrors.join('; ')}`);
  // Syntax findings belong to the parser: a test case must be valid YAML to test a rule.
  const syntax = result.findings.filter((f) => f.rule === 'yaml/syntax');
  assert.deepEqual(
    syntax.map((f) => f.message),
    [],
    'the test case does not parse',
  );
  return result.findings;
}

/** The range of the `occurrence`-th `text` in `code` (throws when absent: the test is wrong). */
export function rangeOf(
  code: string,
  text: string,
  occurrence = 0,
  after?: string,
): { offset: number; length: number } {
  let at = -1;
  if (after !== undefined) {
    const a = code.indexOf(after);
    if (a < 0) throw new Error(`"${after}" is not in the test code`);
    at = a + after.length - 1;
  }
  for (let i = 0; i <= occurrence; i++) {
    at = code.indexOf(text, at + 1);
    if (at < 0) throw new Error(`"${text}" (occurrence ${occurrence}) is not in the test code`);
  }
  return { offset: at, length: text.length };
}

function position(code: string, offset: number): { line: number; column: number } {
  const before = code.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { line, column };
}

function assertRange(code: string, actual: Finding, expected: ExpectedFinding, label: string): void {
  if (expected.text !== undefined) {
    const want = rangeOf(code, expected.text, expected.occurrence ?? 0, expected.after);
    assert.deepEqual(
      { offset: actual.offset, length: actual.length, text: code.slice(actual.offset, actual.offset + actual.length) },
      { ...want, text: expected.text },
      `${label}: range`,
    );
  }
  if (expected.offset !== undefined) assert.equal(actual.offset, expected.offset, `${label}: offset`);
  if (expected.length !== undefined) assert.equal(actual.length, expected.length, `${label}: length`);
  if (expected.line !== undefined) {
    const start = position(code, actual.offset);
    const end = position(code, actual.offset + actual.length);
    const got = { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
    const want = {
      line: expected.line,
      column: expected.column ?? got.column,
      endLine: expected.endLine ?? got.endLine,
      endColumn: expected.endColumn ?? got.endColumn,
    };
    assert.deepEqual(got, want, `${label}: line/column`);
    assert.ok(
      expected.column !== undefined && expected.endLine !== undefined && expected.endColumn !== undefined,
      `${label}: give the full range (line, column, endLine, endColumn)`,
    );
  }
  const hasRange =
    expected.text !== undefined ||
    (expected.offset !== undefined && expected.length !== undefined) ||
    expected.line !== undefined;
  assert.ok(hasRange, `${label}: every expected finding needs its full range`);
}

export function runRuleTests(rule: Rule, tests: RuleTests): void {
  describe(rule.meta.id, () => {
    it('has complete metadata', () => {
      assert.match(rule.meta.id, /^[a-z]+\/[a-z-]+$/);
      assert.ok(rule.meta.description.length > 10);
      assert.ok(rule.meta.docsUrl.endsWith(`${rule.meta.id}.md`));
      assert.ok(rule.meta.appliesTo.length > 0);
      assert.ok(tests.invalid.length > 0, 'a rule needs invalid cases');
      assert.ok(tests.valid.length > 0, 'a rule needs valid cases');
      if (rule.meta.fixable)
        assert.ok(
          tests.invalid.some((c) => typeof c.output === 'string'),
          'a fixable rule needs a case with its output',
        );
    });

    tests.valid.forEach((c, i) => {
      const vc = typeof c === 'string' ? { code: c } : c;
      it(`valid ${i + 1}${vc.name ? `: ${vc.name}` : ''}`, () => {
        const findings = lintWithRule(rule, vc.code, vc.settings);
        assert.deepEqual(
          findings.map((f) => `${f.rule}: ${f.message}`),
          [],
        );
      });
    });

    tests.invalid.forEach((c, i) => {
      it(`invalid ${i + 1}${c.name ? `: ${c.name}` : ''}`, () => {
        const findings = lintWithRule(rule, c.code, c.settings);
        assert.equal(
          findings.length,
          c.errors.length,
          `expected ${c.errors.length} finding(s), got:\n${findings.map((f) => `  ${f.message} @${f.offset}+${f.length}`).join('\n')}`,
        );
        findings.forEach((f, j) => {
          const e = c.errors[j];
          const label = `finding ${j + 1}`;
          assert.equal(f.rule, rule.meta.id, `${label}: rule id`);
          assert.equal(f.severity, rule.meta.defaultSeverity, `${label}: severity`);
          if (e.messageId !== undefined) assert.equal(f.messageId, e.messageId, `${label}: messageId`);
          if (e.data !== undefined) {
            assert.ok(e.messageId !== undefined, `${label}: data needs a messageId`);
            assert.equal(
              f.message,
              formatMessage(rule.meta.messages?.[e.messageId] ?? '', e.data),
              `${label}: message from data`,
            );
          }
          if (typeof e.message === 'string') assert.equal(f.message, e.message, `${label}: message`);
          else if (e.message) assert.match(f.message, e.message, `${label}: message`);
          assertRange(c.code, f, e, label);
          if (f.fix) assert.ok(rule.meta.fixable, `${label}: a fix from a rule whose meta says fixable: false`);
        });
        if (c.output !== undefined) checkFixOutput(rule, c, findings);
        if (c.suggestions !== undefined) checkSuggestions(rule, c, findings);
      });
    });
  });
}

function checkFixOutput(rule: Rule, c: InvalidCase, findings: Finding[]): void {
  const edits = findings.flatMap((f) => f.fix?.edits ?? []);
  if (c.output === null) {
    assert.equal(edits.length, 0, 'no fix may be offered');
    return;
  }
  assert.ok(edits.length > 0, 'a fix was expected');
  const out = applyEdits(c.code, edits);
  assert.equal(out, c.output, 'fix output');
  assertFixed(rule, c, out);
}

function checkSuggestions(rule: Rule, c: InvalidCase, findings: Finding[]): void {
  findings.forEach((f, j) => {
    const want = c.suggestions![j] ?? [];
    const got = f.suggestions ?? [];
    assert.equal(got.length, want.length, `finding ${j + 1}: number of suggestions`);
    got.forEach((s, k) => {
      const w = want[k];
      if (typeof w.title === 'string') assert.equal(s.title, w.title);
      else if (w.title) assert.match(s.title, w.title);
      const out = applyEdits(c.code, s.edits);
      assert.equal(out, w.output, `finding ${j + 1}, suggestion ${k + 1}: output`);
      assertFixed(rule, { ...c, errors: [f] }, out, f);
    });
  });
}

/** The fixed text parses and no longer gets the finding(s) that were fixed. */
function assertFixed(rule: Rule, c: InvalidCase, out: string, only?: Finding): void {
  const reparsed = parseFile(out);
  assert.deepEqual(
    reparsed.findings.map((f) => f.message),
    [],
    `the fixed text does not parse:\n${out}`,
  );
  const after = lintText(out, { rules: [rule], ...(c.settings ? { settings: c.settings } : {}) }).findings;
  if (only) {
    assert.ok(
      !after.some((f) => f.message === only.message),
      `the finding is still there after the suggestion:\n${out}`,
    );
  } else {
    const fixed = new Set(after.filter((f) => f.fix).map((f) => f.message));
    assert.equal(
      after.filter((f) => f.fix).length,
      0,
      `findings with fixes remain after fixing: ${[...fixed].join('; ')}`,
    );
  }
}
