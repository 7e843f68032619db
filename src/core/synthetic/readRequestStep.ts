/** Reads a `request:` step: method and URL, headers, body, capture, expect and side_effects. */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import { asMap, asScalar, asSeq, deref, entries, refOf, valueOf, type AnyDoc, type Ref } from '../parse/yamlNodes';
import type { BodyField, Located, RequestExpect, RequestStep } from './model';
import type { Reader } from './syntheticReader';

const HTTP_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'PATCH', 'DELETE', 'TRACE', 'CONNECT']);
export function readRequest(r: Reader, map: YAMLMap, kindPair: Pair): RequestStep | undefined {
  const doc = r.doc;
  const value = deref(kindPair.value, doc);
  let method = 'GET';
  let url: Located<string> | undefined;
  const valueMap = asMap(value, doc);
  if (valueMap) {
    // `request: { method: POST, url: /api/cart }` as well as the short form.
    url = r.string(valueOf(valueMap, 'url', doc), '`url`');
    const m = r.string(valueOf(valueMap, 'method', doc), '`method`');
    if (m) method = m.value.toUpperCase();
  } else {
    const text = r.string(value, '`request`');
    if (text) {
      const match = /^\s*([A-Za-z]+)\s+(\S.*?)\s*$/.exec(text.value);
      if (match && HTTP_METHODS.has(match[1].toUpperCase())) {
        method = match[1].toUpperCase();
        url = { value: match[2], ref: text.ref };
      } else if (match && /^[A-Z]+$/.test(match[1])) {
        r.problem(
          `\`${match[1]}\` is not an HTTP method: use GET, HEAD, OPTIONS, POST, PUT, PATCH or DELETE`,
          text.ref,
        );
        return undefined;
      } else url = { value: text.value.trim(), ref: text.ref };
    }
  }
  if (!url || url.value === '') {
    r.problem(
      '`request` needs a method and a path or URL, e.g. `request: GET /api/health`',
      value ? refOf(value) : refOf(kindPair.key as Node),
    );
    return undefined;
  }
  const step: RequestStep = { kind: 'request', method, url: url.value, urlRef: url.ref, headers: [] };

  const headersNode = valueOf(map, 'headers', doc);
  if (headersNode) {
    step.headersRef = refOf(headersNode);
    const hm = asMap(headersNode, doc);
    if (!hm) r.problem('`headers` should be a map of header name to value', refOf(headersNode));
    for (const [name, pair] of entries(hm)) {
      const v = r.string(deref(pair.value, doc), `the \`${name}\` header`);
      if (v) step.headers.push({ name, value: v.value, ref: v.ref, keyRef: refOf(pair.key as Node) });
    }
  }
  const bodyNode = valueOf(map, 'body', doc);
  if (bodyNode) {
    step.bodyRef = refOf(bodyNode);
    step.body = toJs(r, bodyNode);
    if (isMap(bodyNode) || isSeq(bodyNode)) step.bodyFields = collectBodyFields(bodyNode, doc);
  }
  const captureNode = valueOf(map, 'capture', doc);
  if (captureNode) {
    const cm = asMap(captureNode, doc);
    if (!cm)
      r.problem('`capture` should be a map of variable name to JSONPath, e.g. `cart_id: "$.id"`', refOf(captureNode));
    step.capture = [];
    for (const [name, pair] of entries(cm)) {
      const v = r.string(deref(pair.value, doc), `the capture \`${name}\``);
      if (v) step.capture.push({ name, path: v.value, ref: refOf(pair.key as Node) });
    }
  }
  const expectNode = valueOf(map, 'expect', doc);
  if (expectNode) {
    const expect = readExpect(r, expectNode);
    if (expect) step.expect = expect;
  }
  const sideEffects = r.string(valueOf(map, 'side_effects', doc), '`side_effects`');
  if (sideEffects) step.sideEffects = sideEffects;
  return step;
}

function readExpect(r: Reader, node: Node): RequestExpect | undefined {
  const doc = r.doc;
  const map = asMap(node, doc);
  if (!map) {
    r.problem('`expect` should be a map, e.g. `expect: { status: 200 }`', refOf(node));
    return undefined;
  }
  const expect: RequestExpect = { ref: refOf(map) };
  const status = valueOf(map, 'status', doc);
  if (status) {
    const seq = asSeq(status, doc);
    if (seq) {
      const list: Array<number | string> = [];
      for (const item of seq.items) {
        const v = asScalar(item, doc)?.value;
        if (typeof v === 'number' || typeof v === 'string') list.push(v);
        else r.problem('each status should be a number such as 200 or a class such as "2xx"', refOf(deref(item, doc)));
      }
      expect.status = { value: list, ref: refOf(seq) };
    } else {
      const v = asScalar(status, doc)?.value;
      if (typeof v === 'number' || typeof v === 'string') expect.status = { value: v, ref: refOf(status) };
      else
        r.problem(
          '`status` should be a number such as 200, a list such as [200, 204] or a class such as "2xx"',
          refOf(status),
        );
    }
  }
  const latency = r.string(valueOf(map, 'latency', doc), '`latency`');
  if (latency) expect.latency = latency;
  const json = valueOf(map, 'json', doc);
  if (json) {
    const jm = asMap(json, doc);
    if (!jm) r.problem('`json` should be a map of JSONPath to expected value, e.g. `"$.status": ok`', refOf(json));
    expect.json = entries(jm).map(([path, pair]) => ({
      path,
      expected: toJs(r, deref(pair.value, doc)),
      ref: refOf(pair.key as Node),
    }));
  }
  const body = r.string(valueOf(map, 'body_contains', doc), '`body_contains`');
  if (body) expect.bodyContains = body;
  const headers = valueOf(map, 'headers', doc);
  if (headers) {
    const hm = asMap(headers, doc);
    if (!hm) r.problem('`headers` should be a map of header name to expected value', refOf(headers));
    expect.headers = [];
    for (const [name, pair] of entries(hm)) {
      const v = r.string(deref(pair.value, doc), `the expected \`${name}\` header`);
      if (v) expect.headers.push({ name, expected: v.value, ref: v.ref });
    }
  }
  return expect;
}

/** Body values beyond this many nodes are not a real request body but an alias bomb. */
const MAX_BODY_NODES = 10_000;

/** The JS value of a node, aliases resolved; bounded in depth and size (an alias bomb ends early). */
function toJs(r: Reader, node: Node | undefined): unknown {
  const budget = { left: MAX_BODY_NODES };
  const value = walkJs(node, r.doc, 0, budget);
  if (budget.left < 0) {
    r.problem(
      `this value expands to more than ${MAX_BODY_NODES} items (aliases?); write the body out plainly`,
      refOf(node),
    );
    return undefined;
  }
  return value;
}

function walkJs(node: Node | undefined, doc: AnyDoc, depth: number, budget: { left: number }): unknown {
  if (!node || depth > 64 || --budget.left < 0) return undefined;
  const n = deref(node, doc);
  if (isScalar(n)) return n.value;
  if (isSeq(n)) return n.items.map((i) => walkJs(i as Node, doc, depth + 1, budget));
  if (isMap(n)) {
    const out: Record<string, unknown> = {};
    for (const [k, pair] of entries(n)) out[k] = walkJs(pair.value as Node, doc, depth + 1, budget);
    return out;
  }
  return undefined;
}

function collectBodyFields(node: Node, doc: AnyDoc): BodyField[] {
  const out: BodyField[] = [];
  const seen = new Set<Node>();
  const walk = (
    n: Node | undefined,
    path: string[],
    key: string | undefined,
    keyRef: Ref | undefined,
    depth: number,
  ): void => {
    const d = deref(n, doc);
    if (!d || depth > 32 || seen.has(d) || out.length > 1000) return;
    if (isScalar(d)) {
      // Numbers too: `password: 123456` is a literal password.
      if ((typeof d.value === 'string' || typeof d.value === 'number') && key !== undefined && keyRef)
        out.push({ path, key, keyRef, value: String(d.value), ref: refOf(d) });
      return;
    }
    seen.add(d);
    if (isMap(d))
      for (const [k, pair] of entries(d)) walk(pair.value as Node, [...path, k], k, refOf(pair.key as Node), depth + 1);
    else if (isSeq(d)) d.items.forEach((item) => walk(item as Node, path, key, keyRef, depth + 1));
  };
  walk(node, [], undefined, undefined, 0);
  return out;
}
