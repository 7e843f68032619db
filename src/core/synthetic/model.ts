/**
 * The typed model of a native synthetic document (docs/formats/synthetic.md), with source ranges, read by the
 * synthetic lint rules, the journey runner, the Test Explorer and the CodeLens alike.
 * Defaults (base_url, frequency, locations, alerts) are already inherited into each journey.
 */
import type { Ref } from '../parse/yamlNodes';
import type { PlanAlert } from '../plan/canaryPlan';

export interface Located<T> {
  value: T;
  ref: Ref;
}

export type BrowserStepKind =
  | 'goto'
  | 'click'
  | 'fill'
  | 'press'
  | 'select'
  | 'wait_for'
  | 'expect_visible'
  | 'expect_text'
  | 'expect_url'
  | 'expect_load_time'
  | 'screenshot';
export type StepKind = 'request' | BrowserStepKind;

export interface RequestExpect {
  /** 200, [200, 204] or "2xx" as written. */
  status?: Located<number | string | Array<number | string>>;
  latency?: Located<string>;
  /** JSONPath -> expected value. */
  json?: Array<{ path: string; expected: unknown; ref: Ref }>;
  bodyContains?: Located<string>;
  headers?: Array<{ name: string; expected: string; ref: Ref }>;
  /** The `expect:` value. */
  ref?: Ref;
}

/** A string leaf of a request body, with the key it sits under (for secret checks). */
export interface BodyField {
  /** Keys from the body's root to this value, e.g. ['auth', 'password']. */
  path: string[];
  key: string;
  keyRef: Ref;
  value: string;
  ref: Ref;
}

export interface RequestStep {
  kind: 'request';
  method: string;
  /** Path or absolute URL as written (variables not yet substituted). */
  url: string;
  /** The `request:` value (`GET /api/health`). */
  urlRef?: Ref;
  /** `ref` is the header value's range, `keyRef` the header name's. */
  headers: Array<{ name: string; value: string; ref: Ref; keyRef: Ref }>;
  headersRef?: Ref;
  /** JSON-like body (object/array) or text. */
  body?: unknown;
  bodyRef?: Ref;
  /** Every string leaf of a map/list body, with its key. */
  bodyFields?: BodyField[];
  capture?: Array<{ name: string; path: string; ref: Ref }>;
  expect?: RequestExpect;
  sideEffects?: Located<string>;
}

export interface BrowserStep {
  kind: BrowserStepKind;
  /** goto: path or URL; click / wait_for / expect_visible: selector; expect_url: URL or pattern; expect_load_time: threshold text; screenshot: name. */
  target?: string;
  selector?: string;
  /** fill: value; press: key; select: option; expect_text: contains. */
  value?: string;
  /** Ranges of the above, when written. */
  targetRef?: Ref;
  selectorRef?: Ref;
  valueRef?: Ref;
  /** The step kind's value (string or map). */
  argRef?: Ref;
}

export type StepSpec = RequestStep | BrowserStep;

export interface Step {
  index: number;
  name?: string;
  nameRef?: Ref;
  /** The step's own timeout (`timeout:`, or `{selector, timeout}` inside the step), ms. */
  timeoutMs?: number;
  timeoutRef?: Ref;
  /** The whole step item (for Test Explorer ranges and failure locations). */
  ref: Ref;
  /** The step kind's key (`request:`, `goto:` ...). */
  keyRef: Ref;
  /** `side_effects: sandbox | harmless` (any step): the writes this step sends or causes are allowed. */
  sideEffects?: Located<string>;
  spec: StepSpec;
}

export interface Journey {
  index: number;
  name: string;
  /** The journey's `name:` value, or the item when there is no name. */
  nameRef: Ref;
  ref: Ref;
  kind: 'api' | 'browser';
  baseUrl?: Located<string>;
  frequencyMs?: number;
  frequency?: Located<string>;
  locations: string[];
  locationsRef?: Ref;
  /** Own alerts, or the inherited ones. */
  alerts: PlanAlert[];
  alertsInherited: boolean;
  /** The journey's own `alerts:` value, when written. */
  alertsRef?: Ref;
  retries?: number;
  /** The journey's overall limit (`timeout:` on the journey), ms. */
  timeoutMs?: number;
  timeoutRef?: Ref;
  steps: Step[];
  stepsRef?: Ref;
}

/** Something the builder could not read (a wrong type, an unknown step); the schema rules report these to the user. */
export interface SyntheticProblem {
  message: string;
  ref: Ref;
  /** The journey it belongs to, when inside one: the runner refuses such journeys. */
  journeyIndex?: number;
}

export interface SyntheticConfig {
  docIndex: number;
  /** The `synthetic:` key. */
  anchor: Ref;
  baseUrl?: Located<string>;
  frequency?: Located<string>;
  frequencyMs?: number;
  locations?: Located<string[]>;
  alerts: PlanAlert[];
  alertsRef?: Ref;
  journeys: Journey[];
  journeysRef?: Ref;
  problems?: SyntheticProblem[];
}
