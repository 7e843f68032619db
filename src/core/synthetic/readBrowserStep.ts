/** Reads a browser step (goto, click, fill, ...), in its string form or its `{selector, ...}` form. */
import { isScalar, type Node, type Pair, type Scalar } from 'yaml';
import { asMap, deref, refOf, valueOf } from '../parse/yamlNodes';
import type { BrowserStep, BrowserStepKind, Step } from './model';
import type { Reader } from './syntheticReader';

/** The keys that the `{...}` form of each browser step reads into target / selector / value. */
const BROWSER_FORMS: Record<
  BrowserStepKind,
  { scalar: 'target' | 'selector' | 'value'; selector?: boolean; value?: string[]; target?: string[] }
> = {
  goto: { scalar: 'target', target: ['url'] },
  click: { scalar: 'selector', selector: true },
  fill: { scalar: 'selector', selector: true, value: ['value', 'text'] },
  press: { scalar: 'value', selector: true, value: ['key'] },
  select: { scalar: 'selector', selector: true, value: ['value', 'option', 'label'] },
  wait_for: { scalar: 'selector', selector: true },
  expect_visible: { scalar: 'selector', selector: true },
  expect_text: { scalar: 'selector', selector: true, value: ['contains', 'text'] },
  expect_url: { scalar: 'target', target: ['url', 'matches', 'contains'] },
  expect_load_time: { scalar: 'target', target: ['threshold', 'max'] },
  screenshot: { scalar: 'target', target: ['name', 'path'] },
};

export function readBrowser(r: Reader, kind: BrowserStepKind, kindPair: Pair, step: Step): BrowserStep | undefined {
  const doc = r.doc;
  const value = deref(kindPair.value, doc);
  const form = BROWSER_FORMS[kind];
  const argRef = value ? refOf(value) : refOf(kindPair.key as Node);
  const spec: BrowserStep = { kind, argRef };
  const map = asMap(value, doc);
  if (!map) {
    // `screenshot:` with no value is fine: the runner names the file.
    if (!value || (isScalar(value) && (value as Scalar).value === null)) {
      if (kind === 'screenshot') return spec;
      r.problem(`\`${kind}\` needs a value: ${example(kind)}`, argRef);
      return undefined;
    }
    const s = r.string(value, `\`${kind}\``);
    if (!s) return undefined;
    if (form.scalar === 'target') [spec.target, spec.targetRef] = [s.value, s.ref];
    else if (form.scalar === 'selector') [spec.selector, spec.selectorRef] = [s.value, s.ref];
    else [spec.value, spec.valueRef] = [s.value, s.ref];
    return spec;
  }
  if (form.selector) {
    const sel = r.string(valueOf(map, 'selector', doc), '`selector`');
    if (sel) {
      spec.selector = sel.value;
      spec.selectorRef = sel.ref;
    }
  }
  for (const key of form.value ?? []) {
    const v = r.string(valueOf(map, key, doc), `\`${key}\``);
    if (v) {
      spec.value = v.value;
      spec.valueRef = v.ref;
      break;
    }
  }
  for (const key of form.target ?? []) {
    const v = r.string(valueOf(map, key, doc), `\`${key}\``);
    if (v) {
      spec.target = v.value;
      spec.targetRef = v.ref;
      break;
    }
  }
  const inner = r.duration(valueOf(map, 'timeout', doc), `the \`${kind}\` timeout`);
  if (inner && step.timeoutMs === undefined) {
    step.timeoutMs = inner.ms;
    step.timeoutRef = inner.ref;
  }
  const needs = form.scalar === 'selector' ? spec.selector : form.scalar === 'value' ? spec.value : spec.target;
  if (needs === undefined && kind !== 'screenshot') {
    r.problem(`\`${kind}\` is missing its ${form.scalar}: ${example(kind)}`, argRef);
    return undefined;
  }
  if ((kind === 'fill' || kind === 'select' || kind === 'expect_text') && spec.value === undefined) {
    r.problem(
      `\`${kind}\` is missing its ${kind === 'expect_text' ? '`contains`' : '`value`'}: ${example(kind)}`,
      argRef,
    );
    return undefined;
  }
  return spec;
}

function example(kind: BrowserStepKind): string {
  switch (kind) {
    case 'goto':
      return 'e.g. `goto: /login`';
    case 'fill':
      return 'e.g. `fill: { selector: "#email", value: "${env:USER}" }`';
    case 'press':
      return 'e.g. `press: Enter`';
    case 'select':
      return 'e.g. `select: { selector: "#country", value: DE }`';
    case 'expect_text':
      return 'e.g. `expect_text: { selector: "h1", contains: Welcome }`';
    case 'expect_url':
      return 'e.g. `expect_url: /dashboard`';
    case 'expect_load_time':
      return 'e.g. `expect_load_time: "< 3s"`';
    case 'screenshot':
      return 'e.g. `screenshot: dashboard`';
    default:
      return `e.g. \`${kind}: "#submit"\` or \`${kind}: { selector: "#submit", timeout: 5s }\``;
  }
}
