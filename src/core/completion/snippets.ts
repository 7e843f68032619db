/**
 * Snippets (VS Code snippet syntax: $1, ${1:default}, ${1|a,b|}) for a new canary, a new journey
 * and a new step. The same texts feed completion and the "New Canary Config" / "New Synthetic
 * Journey" commands, so a file started either way looks the same.
 */
import { STEP_KINDS } from '../describe/stepKinds';

export interface Snippet {
  id: string;
  label: string;
  description: string;
  body: string;
}

export const NEW_CANARY: Snippet = {
  id: 'new-canary',
  label: 'canary (new canary config)',
  description:
    'A native canary with small first steps, error and latency gates, automatic rollback and an alert channel.',
  body: [
    'canary:',
    '  service: ${1:checkout}',
    '  steps: [1, 5, 25, 50, 100]',
    '  interval: ${2:5m}',
    '  metrics:',
    '    - name: error-rate',
    '      threshold: "${3:<= 1%}"',
    '    - name: p99-latency',
    '      threshold: "${4:<= baseline * 1.1}"',
    '  on_failure: rollback',
    '  failure_limit: ${5:1}',
    '  min_requests: ${6:100}',
    '  alerts:',
    '    - channel: ${7:slack:#${1:checkout}-deploys}',
    '',
  ].join('\n'),
};

/** The body of one journey as a list item, at column 0 ("- name: ..."). */
export const NEW_JOURNEY: Snippet = {
  id: 'new-journey',
  label: 'journey (new synthetic journey)',
  description: 'An API journey that checks a health endpoint: status, latency and body.',
  body: [
    'name: ${1:service is healthy}',
    'steps:',
    '  - request: GET ${2:/api/health}',
    '    expect:',
    '      status: ${3:200}',
    '      latency: "${4:< 500ms}"',
    '$0',
  ].join('\n'),
};

/** A whole synthetic file: defaults, alerts and one journey. */
export const NEW_SYNTHETIC_FILE: Snippet = {
  id: 'new-synthetic',
  label: 'synthetic (new synthetic journeys file)',
  description: 'Synthetic journeys with defaults every journey inherits: base URL, frequency, locations and alerts.',
  body: [
    'synthetic:',
    '  base_url: ${1:https://app.example.com}',
    '  frequency: ${2:60s}',
    '  locations: [us-east, eu-west]',
    '  alerts:',
    '    - channel: ${3:pagerduty:web-oncall}',
    '  journeys:',
    '    - name: ${4:service is healthy}',
    '      steps:',
    '        - request: GET ${5:/api/health}',
    '          expect:',
    '            status: 200',
    '            latency: "< 500ms"',
    '$0',
  ].join('\n'),
};

/** One snippet per step kind, as the content of a `- ` list item. */
export const STEP_SNIPPETS: Snippet[] = STEP_KINDS.map((k) => ({
  id: `step-${k.kind}`,
  label: k.kind,
  description: k.words,
  body: k.snippet,
}));

/** A snippet body with its placeholders filled by their defaults: plain YAML for a new file. */
export function snippetToText(body: string): string {
  // Escaped \$ \} \\ stand aside while placeholders are filled, then come back as plain text.
  let out = body.replace(/\\\\/g, '\u0003').replace(/\\\$/g, '\u0001').replace(/\\\}/g, '\u0002');
  // Innermost first: ${1:a${2:b}} -> ${1:ab} -> ab
  for (let i = 0; i < 8; i++) {
    const next = out
      .replace(/\$\{\d+:([^$}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\d+/g, '');
    if (next === out) break;
    out = next;
  }
  return out
    .replace(/\u0001/g, '$')
    .replace(/\u0002/g, '}')
    .replace(/\u0003/g, '\\');
}
