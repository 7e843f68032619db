/**
 * The verdict of a canary reading: the one declaration the core, the CLI, the panel and its
 * webview share. No imports, so the webview bundle can take it as it is.
 */

/** healthy < inconclusive < stale < breach in how bad they are; promoted is healthy at 100%. */
export type Verdict = 'healthy' | 'promoted' | 'inconclusive' | 'stale' | 'breach';

export const VERDICTS: readonly Verdict[] = ['healthy', 'promoted', 'inconclusive', 'stale', 'breach'];

const ORDER: Record<Verdict, number> = { healthy: 0, promoted: 0, inconclusive: 1, stale: 2, breach: 3 };

/** The worse of two verdicts (the worst one wins, as in argo-rollouts' analysis). */
export function worseVerdict(a: Verdict, b: Verdict): Verdict {
  return ORDER[b] > ORDER[a] ? b : a;
}

/** Only these verdicts may be shown as "good". */
export function isGood(v: Verdict): boolean {
  return v === 'healthy' || v === 'promoted';
}
