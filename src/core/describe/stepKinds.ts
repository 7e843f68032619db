/**
 * What each synthetic step kind does (docs/formats/synthetic.md), in one line: shown by hover on a step's key and
 * as the detail of the step completion items. Argument shapes are what the snippets insert.
 */
import type { StepKind } from '../synthetic/model';

export interface StepKindDoc {
  kind: StepKind;
  words: string;
  browser: boolean;
  /** The YAML after `- kind: ` that a snippet inserts, with ${n:placeholders}. */
  snippet: string;
}

export const STEP_KINDS: readonly StepKindDoc[] = [
  {
    kind: 'request',
    browser: false,
    words: 'sends an HTTP request (METHOD PATH) and checks the answer with `expect`',
    snippet: 'request: ${1|GET,HEAD,POST,PUT,PATCH,DELETE|} ${2:/api/health}\n  expect:\n    status: ${3:200}',
  },
  {
    kind: 'goto',
    browser: true,
    words: 'opens a page in the browser (makes the journey a browser journey)',
    snippet: 'goto: ${1:/}',
  },
  { kind: 'click', browser: true, words: 'clicks the element a selector finds', snippet: 'click: "${1:#submit}"' },
  {
    kind: 'fill',
    browser: true,
    words: 'types a value into a field',
    snippet: 'fill: { selector: "${1:#email}", value: "${2:\\${env:SYNTHETIC_USER\\}}" }',
  },
  { kind: 'press', browser: true, words: 'presses a key, e.g. Enter', snippet: 'press: ${1:Enter}' },
  {
    kind: 'select',
    browser: true,
    words: 'picks an option of a <select>',
    snippet: 'select: { selector: "${1:#country}", value: "${2:DE}" }',
  },
  { kind: 'wait_for', browser: true, words: 'waits until an element appears', snippet: 'wait_for: "${1:#content}"' },
  {
    kind: 'expect_visible',
    browser: true,
    words: 'asserts that an element is visible',
    snippet: 'expect_visible: { selector: "${1:#dashboard}", timeout: ${2:5s} }',
  },
  {
    kind: 'expect_text',
    browser: true,
    words: 'asserts that an element contains a text',
    snippet: 'expect_text: { selector: "${1:h1}", contains: "${2:Welcome}" }',
  },
  { kind: 'expect_url', browser: true, words: 'asserts the page URL', snippet: 'expect_url: ${1:/dashboard}' },
  {
    kind: 'expect_load_time',
    browser: true,
    words: 'asserts how long the page took to load',
    snippet: 'expect_load_time: "${1:< 3s}"',
  },
  { kind: 'screenshot', browser: true, words: 'saves a screenshot of the page', snippet: 'screenshot: ${1:dashboard}' },
];

export function stepKindDoc(kind: string): StepKindDoc | undefined {
  return STEP_KINDS.find((s) => s.kind === kind);
}
