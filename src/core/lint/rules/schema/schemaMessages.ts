/**
 * The messages of the schema/* rules by id. ajvErrorMapping decides which id and fills the data;
 * the words live here, next to the rules, so tests assert ids and the English can change.
 */
export const UNKNOWN_KEY_MESSAGES = {
  unknownGuess: '`{{key}}` is not a key of {{owner}}; did you mean `{{guess}}`?',
  unknownList: '`{{key}}` is not a key of {{owner}}; use one of: {{allowed}}.',
  unknownRemove: '`{{key}}` is not a key of {{owner}}; remove it.',
  otherKind: '`{{key}}` belongs in {{where}}, not here, so it is ignored: {{hint}}.',
  obsolete: '`{{key}}` is no longer read here: {{hint}}.',
  rootInOwnDocument:
    '`{{key}}:` needs a document of its own: this one is read as {{readAs}}, so `{{key}}:` is ignored. Separate them with a `---` line.',
  outsideRoot:
    '`{{key}}` sits at the top level, outside `{{root}}:`, so it does not apply; indent it under `{{root}}:`.',
  topLevel: '`{{key}}` is not a key of a {{root}} file: only `{{root}}:` belongs at the top level.',
  topLevelGuess:
    '`{{key}}` is not a key of a {{root}} file: only `{{root}}:` belongs at the top level (did you mean `{{guess}}` under `{{root}}:`?).',
};

export const WRONG_TYPE_MESSAGES = {
  wrongType: '{{what}} should be {{expected}}, not {{actual}}{{form}}.',
};

export const MISSING_KEY_MESSAGES = {
  missing: '{{what}} needs `{{key}}`{{example}}.',
  noAction: '{{what}} has no action: add one of {{options}}.',
  noStepKind: '{{what}} does nothing: add one of {{options}}.',
};

export const INVALID_VALUE_MESSAGES = {
  manyActions: 'A step does one thing, and this one has {{actions}}: split it into {{count}} steps.',
  enumGuess: '{{head}}; did you mean `{{guess}}`? Use one of: {{allowed}}.',
  enum: '{{head}}. Use one of: {{allowed}}.',
  jsonPath: '`{{name}}` is not a JSONPath: start it with `$`, e.g. `{{example}}`.',
  form: '{{what}} is not in the expected form{{form}}.',
  limit: '{{what}} should be {{words}} {{limit}}.',
  minItems: '{{what}} needs at least {{limit}} {{items}}.',
  bothStrategies:
    'A Rollout has one strategy, and this one has both `canary` and `blueGreen`: the controller refuses it ("Multiple Strategies can not be listed"). Keep one.',
  aliasBomb:
    'This document expands its aliases (*name) so many times that it cannot be checked (it looks like a "billion laughs" file). Write the values out, or use far fewer aliases.',
  unreadable: 'This document could not be read as data ({{detail}}). Check its syntax.',
  other: '{{what}} is not allowed here ({{keyword}}).',
};
