/**
 * The webview's walls, checked on the HTML the panel provider generates and on the host's message
 * validator, plus the Workspace Trust declaration. The rendering side (an `<img onerror>` label
 * staying text, bad messages ignored in the live page) runs in Chromium in
 * test/integration/panel/webview.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { contentSecurityPolicy, renderWebviewHtml } from '../../../src/extension/panel/webviewHtml';
import { parseWebviewMessage } from '../../../src/shared/panel/messages';

const ROOT = resolve(__dirname, '..', '..', '..');
const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

function directives(csp: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of csp.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

test("the panel HTML: strict CSP, every script carries this load's nonce, nothing inline", () => {
  const html = renderWebviewHtml({
    cspSource: CSP_SOURCE,
    scriptUri: `${CSP_SOURCE}/dist/webview.js`,
    styleUri: `${CSP_SOURCE}/dist/webview.css`,
  });
  const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html);
  assert.ok(meta, 'a CSP meta tag');
  const csp = directives(meta[1]!.replace(/&#39;|&apos;/g, "'"));
  assert.deepEqual(csp.get('default-src'), ["'none'"]);
  const script = csp.get('script-src') ?? [];
  assert.equal(script.length, 1);
  assert.match(script[0]!, /^'nonce-[A-Za-z0-9_-]{16,}'$/);
  for (const [name, values] of csp) {
    for (const v of values)
      assert.ok(
        !/unsafe-inline|unsafe-eval|^\*$|^https?:$|^data:$/.test(v) || (name === 'img-src' && v === 'data:'),
        `${name} allows ${v}`,
      );
  }
  const nonce = script[0]!.slice("'nonce-".length, -1);
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
  assert.ok(scripts.length >= 1);
  for (const s of scripts) {
    assert.match(s[1]!, new RegExp(`nonce="${nonce}"`), 'every script has the nonce');
    assert.equal(s[2]!.trim(), '', 'no inline script body');
  }
  assert.ok(!/\son[a-z]+=/i.test(html), 'no inline event handlers');
  const again = renderWebviewHtml({ cspSource: CSP_SOURCE, scriptUri: 'x', styleUri: 'y' });
  assert.notEqual(/nonce="([^"]+)"/.exec(again)![1], nonce, 'a fresh nonce per load');
});

test('hostile strings given to the shell stay inside their attributes', () => {
  const evil = '"><img src=x onerror=alert(1)><script>alert(2)</script>';
  const html = renderWebviewHtml({ cspSource: evil, scriptUri: evil, styleUri: evil, nonce: 'n0nce' });
  assert.ok(!html.includes('<img'), 'no element was injected');
  assert.equal((html.match(/<script\b/g) ?? []).length, 1, 'still exactly one script element');
  assert.ok(
    !contentSecurityPolicy("'unsafe-inline'", 'n').includes("script-src 'unsafe-inline'"),
    'the cspSource cannot widen script-src',
  );
});

test('malformed messages from the webview are refused with a reason, never thrown on', () => {
  const hostile: unknown[] = [
    undefined,
    null,
    42,
    'watch',
    [],
    [{ type: 'stop' }],
    {},
    { type: 'watch' },
    { type: 'watch', uri: 42 },
    { type: 'watch', uri: '' },
    { type: 'watch', uri: 'x'.repeat(10_000) },
    { type: 'watch', uri: { toString: () => 'file:///etc/passwd' } },
    { type: 'openConfig', uri: ['file:///a'] },
    { type: 'runCommand', command: 'workbench.action.terminal.new' },
    {
      type: {
        toString: () => {
          throw new Error('boom');
        },
      },
    },
    JSON.parse('{"__proto__": {"type": "stop"}}'),
    // (An object whose type is inherited cannot arrive: postMessage's structured clone drops prototypes.)
    { type: 'constructor' },
    { type: '__proto__' },
  ];
  for (const raw of hostile) {
    let parsed: ReturnType<typeof parseWebviewMessage> | undefined;
    assert.doesNotThrow(
      () => (parsed = parseWebviewMessage(raw)),
      `threw on ${String(JSON.stringify(raw))?.slice(0, 80)}`,
    );
    assert.equal(parsed!.ok, false, `accepted ${String(JSON.stringify(raw))?.slice(0, 80)}`);
    if (!parsed!.ok) assert.ok(parsed!.error.length > 0 && parsed!.error.length < 300, 'a short reason to log');
  }
  // The good ones still pass, with nothing but the known fields.
  const watch = parseWebviewMessage({ type: 'watch', uri: 'file:///w/canary.yaml', extra: '<script>' });
  assert.deepEqual(watch, { ok: true, message: { type: 'watch', uri: 'file:///w/canary.yaml' } });
});

test('Workspace Trust: limited support, and the description says what works and what does not', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  const trust = pkg.capabilities?.untrustedWorkspaces;
  assert.equal(trust?.supported, 'limited');
  assert.match(trust.description, /lint/i, 'says linting works');
  assert.match(trust.description, /journey/i, 'says journeys do not run');
  assert.match(trust.description, /poll|watch/i, 'says canary sources are not polled');
  // The messages the guards show say why, in the user's words.
  const controller = readFileSync(join(ROOT, 'src', 'extension', 'panel', 'watchController.ts'), 'utf8');
  assert.match(
    controller,
    /if \(!this\.trusted\) return UNTRUSTED_MESSAGE;/,
    'watch() refuses before reading or polling anything',
  );
  assert.match(
    controller,
    /does not poll canary sources in an untrusted workspace: a config could make the editor call any address/,
  );
});
