/**
 * Durations in words for people reading a hover or a CodeLens: "25 min", "1 h 30 min", "45 s".
 * (`formatDuration` in model/duration writes the config syntax, "25m"; this writes prose.)
 */
export function spanWords(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return 'an unknown time';
  if (ms > 0 && ms < 1000) return `${Math.round(ms)} ms`;
  let s = Math.round(ms / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts: string[] = [];
  if (d) parts.push(`${d} d`);
  if (h) parts.push(`${h} h`);
  if (m) parts.push(`${m} min`);
  // Seconds matter only for short spans; "2 h 0 min 5 s" is noise.
  if (s && !d && !h) parts.push(`${s} s`);
  return parts.length ? parts.join(' ') : '0 s';
}
