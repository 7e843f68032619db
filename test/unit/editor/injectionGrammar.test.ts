/**
 * The TextMate injection grammar (syntaxes/release-safety.injection.json), tokenized with the
 * engine VS Code uses (vscode-textmate + vscode-oniguruma) on top of VS Code's own YAML grammar
 * (from the code-server install that scripts/ensure-system-deps.sh provides), so the scopes
 * asserted here are the ones the editor shows. A small stand-in host grammar checks the same
 * where that install is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';

const GRAMMAR = join(__dirname, '../../../syntaxes/release-safety.injection.json');
const YAML_EXT = join(
  process.env.RELEASE_SAFETY_CACHE ?? join(homedir(), '.cache/release-safety'),
  'cs/node_modules/code-server/lib/vscode/extensions/yaml',
);

let onigReady: Promise<void> | undefined;
function loadOniguruma(): Promise<void> {
  onigReady ??= oniguruma.loadWASM(
    readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer,
  );
  return onigReady;
}

/** Stand-in for VS Code's YAML grammar: `key: value` with the value scoped as a plain scalar. */
const standInYaml = {
  scopeName: 'source.yaml',
  patterns: [
    { match: '^\\s*#.*$', name: 'comment.line.number-sign.yaml' },
    {
      begin: '^(\\s*(?:-\\s+)?)([\\w-]+)(:)\\s+',
      beginCaptures: { 2: { name: 'entity.name.tag.yaml' } },
      end: '$',
      patterns: [
        { begin: '"', end: '"', name: 'string.quoted.double.yaml' },
        { begin: '(?=\\S)', end: '(?=$|\\s#)', name: 'string.unquoted.plain.out.yaml' },
      ],
    },
  ],
};

function registry(realYaml: boolean): vsctm.Registry {
  const yamlFiles = new Map<string, string>();
  if (realYaml) {
    const pkg = JSON.parse(readFileSync(join(YAML_EXT, 'package.json'), 'utf8')) as {
      contributes: { grammars: Array<{ scopeName: string; path: string }> };
    };
    for (const g of pkg.contributes.grammars) yamlFiles.set(g.scopeName, join(YAML_EXT, g.path));
  }
  return new vsctm.Registry({
    onigLib: loadOniguruma().then(() => ({
      createOnigScanner: (s: string[]) => new oniguruma.OnigScanner(s),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    })),
    loadGrammar: async (scopeName) => {
      if (scopeName === 'release-safety.injection')
        return vsctm.parseRawGrammar(readFileSync(GRAMMAR, 'utf8'), GRAMMAR);
      const file = yamlFiles.get(scopeName);
      if (file) return vsctm.parseRawGrammar(readFileSync(file, 'utf8'), file);
      if (scopeName === 'source.yaml' && !realYaml)
        return vsctm.parseRawGrammar(JSON.stringify(standInYaml), 'yaml.json');
      return null;
    },
    // As package.json's `injectTo: ["source.yaml"]` asks VS Code to do.
    getInjections: (scopeName) => (scopeName === 'source.yaml' ? ['release-safety.injection'] : undefined),
  });
}

/** [text, scopes] per token of a YAML text (all lines). */
async function tokens(reg: vsctm.Registry, text: string): Promise<Array<[string, string[]]>> {
  const grammar = await reg.loadGrammar('source.yaml');
  assert.ok(grammar, 'YAML grammar loads');
  const out: Array<[string, string[]]> = [];
  let state = vsctm.INITIAL;
  for (const line of text.split('\n')) {
    const r = grammar.tokenizeLine(line, state);
    for (const t of r.tokens) out.push([line.slice(t.startIndex, t.endIndex), t.scopes]);
    state = r.ruleStack;
  }
  return out;
}

/** The scopes of the first token whose text is exactly `text`. */
function scopesOf(toks: Array<[string, string[]]>, text: string, nth = 0): string[] {
  const found = toks.filter(([t]) => t === text)[nth];
  assert.ok(found, `a token "${text}" among ${JSON.stringify(toks.map(([t]) => t))}`);
  return found[1];
}

const SAMPLE = [
  'canary:',
  '  steps: [1, 5, 25, 50, 100]',
  '  interval: 1h30m',
  '  metrics:',
  '    - name: error-rate',
  '      threshold: "<= 1%"',
  '    - name: p99-latency',
  '      threshold: "<= baseline * 1.1"',
  '    - name: queue',
  '      query: depth{{selector}}',
  '      threshold: < 500ms',
  '  alerts:',
  '    - channel: slack:#checkout-deploys',
  '  # threshold: "<= 2%" in a comment stays a comment',
  'synthetic:',
  '  journeys:',
  '    - steps:',
  '        - fill: { selector: "#p", value: "${secret:SYNTHETIC_PASS}" }',
  '        - request: POST /api/cart',
  '          headers: { Authorization: "Bearer ${env:API_TOKEN}" }',
  '        - expect_load_time: "< 3s"',
  '        - goto: /cart/${cart_id}',
  '  baseline: 5m',
].join('\n');

function checkScopes(toks: Array<[string, string[]]>): void {
  const has = (text: string, scope: string, nth = 0) =>
    assert.ok(
      scopesOf(toks, text, nth).some((s) => s.startsWith(scope)),
      `"${text}" has ${scope}: ${scopesOf(toks, text, nth).join(' ')}`,
    );
  has('<=', 'keyword.operator.comparison.threshold.release-safety');
  has('baseline', 'variable.language.baseline.release-safety');
  has('*', 'keyword.operator.arithmetic.release-safety');
  has('1.1', 'constant.numeric.release-safety');
  has('%', 'keyword.other.unit.release-safety');
  has('ms', 'keyword.other.unit.release-safety');
  has('1h30m', 'constant.numeric.duration.release-safety');
  has('slack', 'support.type.alert-channel.release-safety');
  has('#checkout-deploys', 'string.other.alert-target.release-safety');
  has('secret', 'storage.modifier.variable-source.secret.release-safety');
  has('SYNTHETIC_PASS', 'variable.other.secret.release-safety');
  has('API_TOKEN', 'variable.other.env.release-safety');
  has('cart_id', 'variable.other.captured.release-safety');
  has('selector', 'variable.parameter.query.release-safety');
  has('POST', 'keyword.other.http-method.release-safety');
  // Keys stay keys: a key named like a keyword is not coloured as one.
  assert.ok(
    !scopesOf(toks, 'baseline', 1).some((s) => s.includes('release-safety')),
    'the key `baseline:` is not the baseline keyword',
  );
  has('5m', 'constant.numeric.duration.release-safety');
  // Comments stay comments.
  const comment = toks.find(([t]) => t.includes('in a comment'));
  assert.ok(
    comment && comment[1].some((s) => s.startsWith('comment')) && !comment[1].some((s) => s.includes('release-safety')),
  );
  assert.ok(!toks.some(([t, s]) => t.includes('# threshold') && s.some((x) => x.includes('release-safety'))));
}

test('injection grammar: every regex compiles in oniguruma', async () => {
  await loadOniguruma();
  const grammar = JSON.parse(readFileSync(GRAMMAR, 'utf8'));
  const regexes: string[] = [];
  const collect = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(collect);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'match' || k === 'begin' || k === 'end' || k === 'while') && typeof v === 'string') regexes.push(v);
        else collect(v);
      }
    }
  };
  collect(grammar);
  assert.ok(regexes.length >= 8, `found ${regexes.length} regexes`);
  for (const r of regexes) assert.doesNotThrow(() => new oniguruma.OnigScanner([r]).dispose(), r);
  assert.throws(() => new oniguruma.OnigScanner(['(unclosed']), 'a broken regex is caught by this check');
});

test('injection grammar: scopes on a stand-in YAML grammar', async () => {
  checkScopes(await tokens(registry(false), SAMPLE));
});

test(
  "injection grammar: scopes on VS Code's own YAML grammar",
  {
    skip: existsSync(join(YAML_EXT, 'package.json'))
      ? false
      : `VS Code's YAML grammar not found at ${YAML_EXT}: run scripts/ensure-system-deps.sh`,
  },
  async () => {
    checkScopes(await tokens(registry(true), SAMPLE));
  },
);
