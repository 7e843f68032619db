/** Numbers, units and times as a release engineer reads them in the panel. */

/** 0.4213 % -> "0.42%", 212.4 ms -> "212 ms", null -> "no data". */
export function formatValue(value: number | null, unit: string): string {
  if (value === null || !Number.isFinite(value)) return 'no data';
  const n = formatNumber(value);
  if (unit === '%') return `${n}%`;
  if (unit === 'count' || unit === '') return n;
  return `${n} ${unit}`;
}

export function formatNumber(value: number): string {
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
  return Number(value.toFixed(digits)).toLocaleString('en-US', { maximumFractionDigits: digits });
}

/** 250000 -> "4m 10s"; 0 -> "0s". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  let s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s || (!h && !m) ? `${s}s` : ''].filter(Boolean);
  return parts.join(' ');
}

/** Clock time of a reading, in the user's locale, with seconds (readings are seconds apart). */
export function formatClock(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function formatAgo(ms: number): string {
  if (ms < 2000) return 'just now';
  return `${formatDuration(ms)} ago`;
}
