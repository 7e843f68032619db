/** "did you mean `interval`?" for a mistyped key or value: the closest candidate by edit distance, if close enough. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(w, c.toLowerCase(), bestDistance);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  // Close means: a typo or two, never most of the word.
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  return best !== undefined && bestDistance <= limit ? best : undefined;
}

/** Longest words compared letter by letter; longer ones only count as equal or not. */
const MAX_WORD = 64;
/** Rows i-2, i-1 and i of the distance table, reused by every call (called per key on every lint). */
const ROWS = [new Int32Array(MAX_WORD + 1), new Int32Array(MAX_WORD + 1), new Int32Array(MAX_WORD + 1)];

/** Optimal-string-alignment distance (a swap of two letters counts as one), stopping early past `cap`. */
export function editDistance(a: string, b: string, cap = Infinity): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  if (a.length > MAX_WORD || b.length > MAX_WORD) return a === b ? 0 : Math.max(a.length, b.length);
  let [before, prev, row] = ROWS;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    const ai = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (ai === bj ? 0 : 1));
      if (i > 1 && j > 1 && ai === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === bj)
        v = Math.min(v, before[j - 2] + 1);
      row[j] = v;
    }
    const spare = before;
    before = prev;
    prev = row;
    row = spare;
  }
  return prev[b.length];
}
