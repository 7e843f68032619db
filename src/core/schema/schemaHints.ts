/**
 * Hints the Argo Rollouts and Flagger schemas carry for keys that exist only on another kind or
 * were removed (`x-release-safety-hints` on an object schema, written by
 * scripts/schemas-from-crds.mjs): `secretKeyRef` in a Rollout's analysis args, the obsolete
 * `analysis.templateName`, Flagger's `canaryAnalysis`.
 */
export interface KeyHint {
  messageId: 'otherKind' | 'obsolete';
  /** Where the key does belong (otherKind). */
  where?: string;
  hint: string;
  /** The key that replaces it. */
  replacement?: string;
  /** Rewrite `key: V` as `replacement: [{ wrapAs: V }]` instead of renaming the key. */
  wrapAs?: string;
}

export function keyHint(schema: Record<string, unknown> | undefined, key: string): KeyHint | undefined {
  const hints = schema?.['x-release-safety-hints'];
  if (!hints || typeof hints !== 'object') return undefined;
  const hint = (hints as Record<string, unknown>)[key];
  return hint && typeof hint === 'object' && typeof (hint as KeyHint).hint === 'string' ? (hint as KeyHint) : undefined;
}
