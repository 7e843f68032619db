/**
 * synthetic/hardcoded-secret: a credential written into the file is a credential leaked to everyone
 * who can read the repository, its history and its CI logs. Journeys run in production, so their
 * credentials are production credentials. The fix moves the value behind `${secret:NAME}`.
 */
import type { Rule } from '../../rule';
import { docsUrl, type MessageData } from '../../rule';
import type { Ref } from '../../../parse/yamlNodes';
import type { BrowserStep, RequestStep } from '../../../synthetic/model';
import {
  hasLiteralSecret,
  isSecretFieldName,
  isSecretFieldNameStrict,
  isSecretSelector,
  replaceLiteralSecret,
  secretNameFor,
} from '../../../synthetic/secretFields';

const ID = 'synthetic/hardcoded-secret';

export const hardcodedSecret: Rule = {
  meta: {
    id: ID,
    defaultSeverity: 'error',
    description:
      'Credentials (passwords, tokens, API keys, cookies, Authorization headers) come from secret storage, never from the file.',
    docsUrl: docsUrl(ID),
    fixable: true,
    appliesTo: ['synthetic'],
    messages: {
      header:
        'The `{{header}}` header holds a literal secret: anyone who can read the repository can use it. Store it as a secret and write `${secret:{{secretName}}}` instead.',
      bodyField:
        'The body field `{{field}}` holds a literal secret: anyone who can read the repository can use it. Store it as a secret and write `${secret:{{secretName}}}` instead.',
      typedValue:
        'The value typed into `{{selector}}` is a literal secret: anyone who can read the repository can use it. Store it as a secret and write `${secret:{{secretName}}}` instead.',
      urlQuery:
        "{{what}} carries a literal secret in its query string (`{{param}}`): anyone who can read the repository or the server's access logs can use it. Store it as a secret and write `${secret:{{secretName}}}` instead.",
    },
  },
  check(ctx) {
    const config = ctx.synthetic;
    if (!config) return;
    const seen = new Set<number>();
    const report: Reporter = (ref, messageId, data, secretName, newValue) => {
      if (seen.has(ref.offset)) return;
      seen.add(ref.offset);
      ctx.report({
        ...ref,
        messageId,
        data: { ...data, secretName },
        fix: { title: `Read it from \`\${secret:${secretName}}\``, edits: [{ ...ref, newText: quote(newValue) }] },
      });
    };
    if (config.baseUrl) checkUrl(config.baseUrl.value, config.baseUrl.ref, '`base_url`', report);
    for (const journey of config.journeys) {
      if (journey.baseUrl) checkUrl(journey.baseUrl.value, journey.baseUrl.ref, '`base_url`', report);
      for (const step of journey.steps) {
        if (step.spec.kind === 'request') checkRequest(step.spec, report);
        else checkBrowser(step.spec, report);
      }
    }
  },
};

type MessageId = 'header' | 'bodyField' | 'typedValue' | 'urlQuery';
type Reporter = (ref: Ref, messageId: MessageId, data: MessageData, secretName: string, newValue: string) => void;

function checkRequest(spec: RequestStep, report: Reporter): void {
  for (const h of spec.headers) {
    if (!isSecretFieldName(h.name) || !hasLiteralSecret(h.value, h.name)) continue;
    const name = secretNameFor(h.name);
    report(h.ref, 'header', { header: h.name }, name, replaceLiteralSecret(h.value, h.name, name));
  }
  for (const f of spec.bodyFields ?? []) {
    const numeric = /^-?\d+(\.\d+)?$/.test(f.value);
    if (!(numeric ? isSecretFieldNameStrict(f.key) : isSecretFieldName(f.key)) || !hasLiteralSecret(f.value, f.key))
      continue;
    const name = secretNameFor(f.key);
    report(f.ref, 'bodyField', { field: f.path.join('.') }, name, replaceLiteralSecret(f.value, f.key, name));
  }
  if (spec.urlRef) {
    const method = spec.method;
    checkUrl(spec.url, spec.urlRef, `The \`${method}\` URL`, report, (url) => `${method} ${url}`);
  }
}

function checkBrowser(spec: BrowserStep, report: Reporter): void {
  if (
    spec.kind === 'fill' &&
    spec.selector &&
    spec.value !== undefined &&
    spec.valueRef &&
    isSecretSelector(spec.selector)
  ) {
    const word = secretWord(spec.selector);
    if (!hasLiteralSecret(spec.value, word)) return;
    const name = secretNameFor(word);
    report(
      spec.valueRef,
      'typedValue',
      { selector: spec.selector },
      name,
      replaceLiteralSecret(spec.value, word, name),
    );
    return;
  }
  if (spec.kind === 'goto' && spec.target && spec.targetRef)
    checkUrl(spec.target, spec.targetRef, 'The `goto` URL', report);
}

/** `?api_key=abc` in a URL: the query parameter's value is the secret. */
function checkUrl(url: string, ref: Ref, what: string, report: Reporter, wrap: (u: string) => string = (u) => u): void {
  const q = url.indexOf('?');
  if (q < 0) return;
  const params = url
    .slice(q + 1)
    .split('#')[0]
    .split('&');
  let changed = false;
  let firstName: string | undefined;
  let firstKey: string | undefined;
  const out = params.map((p) => {
    const eq = p.indexOf('=');
    if (eq < 0) return p;
    const key = decodeSafe(p.slice(0, eq));
    const value = p.slice(eq + 1);
    if (!isSecretFieldName(key) || !hasLiteralSecret(value, key)) return p;
    changed = true;
    const name = secretNameFor(key);
    firstName ??= name;
    firstKey ??= key;
    return `${p.slice(0, eq)}=\${secret:${name}}`;
  });
  if (!changed || !firstName) return;
  const hash = url.indexOf('#', q);
  const rebuilt = `${url.slice(0, q + 1)}${out.join('&')}${hash >= 0 ? url.slice(hash) : ''}`;
  report(ref, 'urlQuery', { what, param: firstKey ?? '' }, firstName, wrap(rebuilt));
}

function secretWord(selector: string): string {
  if (/type\s*=\s*["']?password/i.test(selector)) return 'password';
  return selector.split(/[^A-Za-z0-9_-]+/).find((w) => isSecretFieldName(w)) ?? 'password';
}

function decodeSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A double-quoted YAML scalar (JSON strings are valid YAML) that is safe in block and flow context. */
function quote(value: string): string {
  return JSON.stringify(value);
}
