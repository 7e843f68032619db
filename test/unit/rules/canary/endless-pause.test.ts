import { runRuleTests } from '../ruleTester';
import { endlessPause } from '../../../../src/core/lint/rules/canary/endless-pause';
import { GOOD, argo } from './fixtures';

const FIRST_PAUSE = '      - pause: {duration: 10m}\n      - setWeight: 25\n';

runRuleTests(endlessPause, {
  valid: [
    ...GOOD,
    {
      name: 'a duration in seconds',
      code: argo(FIRST_PAUSE, '      - pause: {duration: 40}\n      - setWeight: 25\n'),
    },
    {
      name: 'a block duration',
      code: argo(FIRST_PAUSE, '      - pause:\n          duration: 1h\n      - setWeight: 25\n'),
    },
  ],
  invalid: [
    {
      name: 'pause: {}',
      code: argo(FIRST_PAUSE, '      - pause: {}\n      - setWeight: 25\n'),
      errors: [
        {
          text: 'pause: {}',
          message:
            'This pause has no duration: the canary waits, half-released, until someone runs "kubectl argo rollouts promote". Give it one (pause: {duration: 10m}) and let analysis decide.',
        },
      ],
      output: null,
    },
    {
      name: 'pause with nothing after it, and a second one',
      code: argo(FIRST_PAUSE, '      - pause:\n      - setWeight: 25\n').replace(
        '      - pause: {duration: 10m}\n',
        '      - pause: {}\n',
      ),
      errors: [{ line: 15, column: 9, endLine: 15, endColumn: 14 }, { text: 'pause: {}' }],
    },
  ],
});
