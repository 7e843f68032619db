import type { Rule } from '../../rule';
import { missingRollback } from './missing-rollback';
import { missingMetrics } from './missing-metrics';
import { missingAlerts } from './missing-alerts';
import { straightToFull } from './straight-to-full';
import { bigFirstStep } from './big-first-step';
import { stepsOrder } from './steps-order';
import { stepsIncomplete } from './steps-incomplete';
import { endlessPause } from './endless-pause';
import { invalidThreshold } from './invalid-threshold';
import { unknownMetric } from './unknown-metric';
import { noErrorMetric } from './no-error-metric';
import { missingInterval } from './missing-interval';
import { shortInterval } from './short-interval';
import { noSampleGuard } from './no-sample-guard';
import { unresolvedReference } from './unresolved-reference';
import { missingTemplateArg } from './missing-template-arg';
import { unreachableFailureLimit } from './unreachable-failure-limit';
import { missingCount } from './missing-count';
import { noCondition } from './no-condition';
import { invalidCondition } from './invalid-condition';
import { ignoredCondition } from './ignored-condition';
import { budgetOverrun } from './budget-overrun';

/** The canary/* rules, in the order of the README's rules table. */
export const canaryRules: Rule[] = [
  missingRollback,
  missingMetrics,
  missingAlerts,
  straightToFull,
  bigFirstStep,
  stepsOrder,
  stepsIncomplete,
  endlessPause,
  invalidThreshold,
  unknownMetric,
  noErrorMetric,
  missingInterval,
  shortInterval,
  noSampleGuard,
  unresolvedReference,
  missingTemplateArg,
  unreachableFailureLimit,
  budgetOverrun,
  missingCount,
  noCondition,
  invalidCondition,
  ignoredCondition,
];
