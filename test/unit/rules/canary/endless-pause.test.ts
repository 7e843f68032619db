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
          messageId: 'halfReleased',
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
      errors: [
        { line: 15, column: 9, endLine: 15, endColumn: 14, messageId: 'halfReleased' },
        { text: 'pause: {}', messageId: 'halfReleased' },
      ],
    },
    {
      // Reproduces argoproj-labs/rollouts-plugin-trafficrouter-gatewayapi examples/contour/rollout.yaml:
      // the last step pauses at setWeight: 100, where nothing is half-released any more.
      name: 'a pause after setWeight: 100 says the rollout is unfinished, not half-released',
      code: argo('      - setWeight: 100\n', '      - setWeight: 100\n      - pause: {}\n'),
      errors: [{ text: 'pause: {}', messageId: 'atFullWeight' }],
    },
  ],
});
