/**
 * Argo Rollouts notifications as alerts: `notifications.argoproj.io/subscribe.TRIGGER.SERVICE:
 * RECIPIENTS` annotations (and the older `notifications.argoproj.io/subscriptions` list). Only a
 * subscription whose trigger fires when the canary fails tells anyone about a rollback: the
 * built-in on-rollout-aborted, on-analysis-run-failed and on-analysis-run-error. A subscription
 * with no trigger uses the `defaultTriggers` of the cluster's notification ConfigMap, which this
 * file cannot show, so it gets the benefit of the doubt; so does a custom trigger whose name says
 * abort, fail or error.
 */
import { parse } from 'yaml';
import type { YAMLMap } from 'yaml';
import type { ParsedFile, SourceDocument } from '../parse/parseFile';
import { entries } from '../parse/yamlNodes';
import type { CanaryPlan } from './canaryPlan';
import { pairKeyRef, textValue, tightRef } from './planParts';

const SUBSCRIBE_PREFIX = 'notifications.argoproj.io/subscribe.';
const SUBSCRIPTIONS_KEY = 'notifications.argoproj.io/subscriptions';

export const FAILURE_TRIGGERS = ['on-rollout-aborted', 'on-analysis-run-failed', 'on-analysis-run-error'];
/** The other built-in triggers (manifests/notifications): none of them fires on a failure. */
const QUIET_TRIGGERS = [
  'on-analysis-run-running',
  'on-rollout-completed',
  'on-rollout-paused',
  'on-rollout-step-completed',
  'on-rollout-updated',
  'on-scaling-replica-set',
];

/** Does a subscription on these triggers (undefined: the cluster's default triggers) hear of a failure? */
export function firesOnFailure(triggers: readonly string[] | undefined): boolean {
  if (!triggers || triggers.length === 0) return true;
  return triggers.some(
    (t) => FAILURE_TRIGGERS.includes(t) || (!QUIET_TRIGGERS.includes(t) && /abort|fail|error/i.test(t)),
  );
}

export function readSubscriptions(
  annotations: YAMLMap | undefined,
  plan: CanaryPlan,
  file: ParsedFile,
  doc: SourceDocument['doc'],
): void {
  if (!annotations) return;
  for (const [key, pair] of entries(annotations)) {
    if (key.startsWith(SUBSCRIBE_PREFIX)) {
      // subscribe.on-rollout-aborted.slack: my-channel   (recipients may be ';'-separated)
      const rest = key.slice(SUBSCRIBE_PREFIX.length);
      const dot = rest.lastIndexOf('.');
      const trigger = dot > 0 ? rest.slice(0, dot) : undefined;
      const service = dot > 0 ? rest.slice(dot + 1) : rest;
      const recipients = (textValue(pair.value, doc) ?? '')
        .split(';')
        .map((r) => r.trim())
        .filter(Boolean);
      const ref = pairKeyRef(pair, plan.anchor);
      const fires = firesOnFailure(trigger ? [trigger] : undefined);
      for (const recipient of recipients.length ? recipients : ['']) {
        plan.alerts.push({
          channel: `${service}:${recipient}`,
          kind: service,
          target: recipient,
          ref,
          firesOnFailure: fires,
          ...(trigger ? { on: [trigger] } : {}),
        });
      }
      plan.alertsRef ??= tightRef(annotations, file.text);
    } else if (key === SUBSCRIPTIONS_KEY && textValue(pair.value, doc)) {
      // The multi-line form: a YAML list of {recipients, triggers} inside the annotation's text.
      const triggers = subscriptionTriggers(textValue(pair.value, doc)!);
      const on = triggers?.flat();
      plan.alerts.push({
        channel: 'subscriptions',
        ref: pairKeyRef(pair, plan.anchor),
        firesOnFailure: triggers === undefined || triggers.some((t) => firesOnFailure(t)),
        ...(on && on.length ? { on } : {}),
      });
      plan.alertsRef ??= tightRef(annotations, file.text);
    }
  }
}

/** Each entry's triggers ([] for an entry without: default triggers); undefined when unreadable. */
function subscriptionTriggers(text: string): string[][] | undefined {
  try {
    const list: unknown = parse(text);
    if (!Array.isArray(list)) return undefined;
    return list.map((entry) => {
      const triggers = (entry as { triggers?: unknown })?.triggers;
      return Array.isArray(triggers) ? triggers.map(String) : [];
    });
  } catch {
    return undefined;
  }
}
