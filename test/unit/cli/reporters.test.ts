import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from '../../../src/core/lint/finding';
import { LineIndex } from '../../../src/core/text/lineIndex';
import type { FileResult } from '../../../src/cli/lint/lintFiles';
import { stylishReporter } from '../../../src/cli/reporters/stylish';
import { jsonReporter } from '../../../src/cli/reporters/json';
import { sarifReporter } from '../../../src/cli/reporters/sarif';
import { allRuleMetas } from '../../../src/core/lint/rules/index';

const TEXT = 'canary:\n  steps: [50]\n  interval: 5m\n';
const finding = (rule: string, severity: Finding['severity'], needle: string, message: string): Finding => ({
  rule,
  severity,
  message,
  offset: TEXT.indexOf(needle),
  length: needle.length,
});

function file(displayPath: string, findings: Finding[], fixed = 0): FileResult {
  return { path: `/repo/${displayPath}`, displayPath, findings, lineIndex: new LineIndex(TEXT), fixed };
}

const FILES = [
  file('deploy/canary.yaml', [
    finding('canary/big-first-step', 'warning', '50', 'The first step sends 50% of traffic.'),
    finding('canary/missing-rollback', 'error', 'canary', 'Nothing rolls back\nautomatically.'),
    finding('canary/no-sample-guard', 'info', 'interval: 5m', 'Add min_requests.'),
  ]),
  file('clean.yaml', []),
  file('dir with space/ü.yaml', [finding('yaml/syntax', 'error', 'steps', 'Bad.')]),
];
const INPUT = { files: FILES, cwd: '/repo', color: false, version: '9.9.9' };

test('stylish: header per file with problems, aligned rows, pluralised summary, no colour', () => {
  const out = stylishReporter(INPUT);
  assert.equal(
    out,
    [
      '',
      'deploy/canary.yaml',
      '  2:11  warning  The first step sends 50% of traffic.  canary/big-first-step',
      '  1:1   error    Nothing rolls back automatically.     canary/missing-rollback',
      '  3:3   info     Add min_requests.                     canary/no-sample-guard',
      '',
      'dir with space/ü.yaml',
      '  2:3  error  Bad.  yaml/syntax',
      '',
      '✖ 4 problems (2 errors, 1 warning, 1 info)',
      '',
    ].join('\n'),
  );
  assert.doesNotMatch(out, /\u001b\[/);
  assert.doesNotMatch(out, /clean\.yaml/);
});

test('stylish: colour escapes only when asked', () => {
  const out = stylishReporter({ ...INPUT, color: true });
  assert.match(out, /\u001b\[31merror/);
  assert.match(out, /\u001b\[33mwarning/);
  assert.match(out, /\u001b\[4mdeploy\/canary\.yaml\u001b\[24m/);
});

test('stylish: says so when there is nothing to report, and counts fixable problems and applied fixes', () => {
  assert.equal(
    stylishReporter({ ...INPUT, files: [file('a.yaml', []), file('b.yaml', [])] }),
    '✔ No problems (2 files checked).\n',
  );
  assert.equal(stylishReporter({ ...INPUT, files: [] }), '');
  const fixable = {
    ...finding('canary/missing-alerts', 'warning', 'canary', 'No alerts.'),
    fix: { title: 'Add alerts', edits: [{ offset: 0, length: 0, newText: '' }] },
  };
  const out = stylishReporter({ ...INPUT, files: [file('a.yaml', [fixable], 2)] });
  assert.match(
    out,
    /✖ 1 problem \(0 errors, 1 warning, 0 infos\)\n  1 problem can be fixed automatically with the `--fix` option\.\n2 fixes applied\.\n$/,
  );
});

test('json: one array, 1-based positions with exclusive end, in the spec field order', () => {
  const out = JSON.parse(jsonReporter(INPUT));
  assert.equal(out.length, 4);
  assert.deepEqual(out[0], {
    file: 'deploy/canary.yaml',
    line: 2,
    column: 11,
    endLine: 2,
    endColumn: 13,
    rule: 'canary/big-first-step',
    severity: 'warning',
    message: 'The first step sends 50% of traffic.',
  });
  assert.deepEqual(Object.keys(out[0]), [
    'file',
    'line',
    'column',
    'endLine',
    'endColumn',
    'rule',
    'severity',
    'message',
  ]);
  assert.equal(out[1].message, 'Nothing rolls back\nautomatically.');
  assert.equal(out[3].file, 'dir with space/ü.yaml');
  assert.equal(JSON.parse(jsonReporter({ ...INPUT, files: [] })).length, 0);
});

test('sarif: 2.1.0 log with the rule catalog, levels, encoded relative uris and 1-based regions', () => {
  const log = JSON.parse(sarifReporter(INPUT));
  assert.equal(log.version, '2.1.0');
  assert.match(log.$schema, /sarif-2\.1\.0/);
  assert.equal(log.runs.length, 1);
  const run = log.runs[0];
  const driver = run.tool.driver;
  assert.equal(driver.name, 'release-safety');
  assert.equal(driver.version, '9.9.9');
  assert.match(driver.informationUri, /^https:\/\//);
  const ids = driver.rules.map((r: { id: string }) => r.id);
  for (const meta of allRuleMetas()) assert.ok(ids.includes(meta.id), meta.id);
  for (const r of driver.rules) {
    assert.equal(typeof r.shortDescription.text, 'string');
    assert.match(r.helpUri, new RegExp(`/docs/rules/${r.id}\\.md$`));
    assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level));
  }
  assert.equal(new Set(ids).size, ids.length, 'rule ids are unique');
  assert.equal(run.originalUriBaseIds['%SRCROOT%'].uri, 'file:///repo/');
  assert.equal(run.results.length, 4);
  const [warning, error, info, syntax] = run.results;
  assert.deepEqual(warning.locations[0].physicalLocation, {
    artifactLocation: { uri: 'deploy/canary.yaml', uriBaseId: '%SRCROOT%' },
    region: { startLine: 2, startColumn: 11, endLine: 2, endColumn: 13 },
  });
  assert.equal(warning.level, 'warning');
  assert.equal(error.level, 'error');
  assert.equal(info.level, 'note');
  assert.equal(warning.message.text, 'The first step sends 50% of traffic.');
  for (const r of run.results) assert.equal(driver.rules[r.ruleIndex].id, r.ruleId);
  assert.equal(syntax.locations[0].physicalLocation.artifactLocation.uri, 'dir%20with%20space/%C3%BC.yaml');
});

test('sarif: a file outside the working folder gets an absolute file uri', () => {
  const outside = {
    ...file('/elsewhere/x.yaml', [finding('yaml/syntax', 'error', 'steps', 'Bad.')]),
    path: '/elsewhere/x.yaml',
  };
  const log = JSON.parse(sarifReporter({ ...INPUT, files: [outside] }));
  assert.deepEqual(log.runs[0].results[0].locations[0].physicalLocation.artifactLocation, {
    uri: 'file:///elsewhere/x.yaml',
  });
});
