/**
 * The CodeLens lines of a YAML file: above each canary its timeline ("1% > 5% > 25% > 50% > 100%
 * · 25 min to full"), above each synthetic journey a "Run journey" action. The editor adds the
 * document's URI to the journey's arguments and turns these into its own CodeLens objects.
 */
import { parseFile, type ParsedFile } from '../parse/parseFile';
import type { Ref } from '../parse/yamlNodes';
import { buildCanaryPlan } from '../plan/buildPlan';
import { buildSyntheticConfig } from '../synthetic/buildSynthetic';
import { rollbackWorstCase, stepsTimeline } from './timeline';
import { budgetWords } from '../budget/budgetWords';

export type Lens =
  | { kind: 'canary-timeline'; ref: Ref; title: string; tooltip: string; docIndex: number }
  | {
      kind: 'run-journey';
      ref: Ref;
      title: string;
      tooltip: string;
      docIndex: number;
      journeyIndex: number;
      journeyName: string;
    };

const CANARY_KINDS = new Set(['canary', 'argo-rollout', 'flagger-canary']);

export interface LensOptions {
  /** `.release-safety.yaml`'s `budget:` for canaries without their own. */
  budget?: unknown;
}

export function lensesFor(text: string, file: ParsedFile = parseFile(text), options: LensOptions = {}): Lens[] {
  const out: Lens[] = [];
  for (const document of file.documents) {
    // A document that does not parse gets its syntax error, not a timeline built from a guess.
    if (!document.kind || file.findings.some((f) => f.docIndex === document.index)) continue;
    try {
      if (CANARY_KINDS.has(document.kind)) {
        const plan = buildCanaryPlan(document, file);
        // A blue-green Rollout switches all traffic at once: no ladder to draw.
        if (!plan || plan.strategy === 'blueGreen') continue;
        const timeline = stepsTimeline(plan);
        const rollback = rollbackWorstCase(plan);
        const budget = budgetWords(plan, document, file, options.budget);
        out.push({
          kind: 'canary-timeline',
          ref: plan.anchor,
          title: budget?.short ? `${timeline.text} · ${budget.short}` : timeline.text,
          tooltip: `Time to full: ${timeline.how}. The canary ${rollback.words} (${rollback.how}).${budget ? ` ${budget.sentence}` : ''}`,
          docIndex: document.index,
        });
      } else if (document.kind === 'synthetic') {
        const config = buildSyntheticConfig(document, file);
        for (const journey of config?.journeys ?? []) {
          out.push({
            kind: 'run-journey',
            ref: journey.nameRef,
            title: '$(play) Run journey',
            tooltip: `Run "${journey.name}" against its real endpoints (${journey.kind === 'browser' ? 'in a local Chromium' : 'HTTP requests'}).`,
            docIndex: document.index,
            journeyIndex: journey.index,
            journeyName: journey.name,
          });
        }
      }
    } catch {
      // A model builder that chokes on half-typed YAML must not take every lens down with it.
    }
  }
  return out;
}
