/** Durations as users write them: `30s`, `5m`, `1h30m`, `500ms`, `1d`. Go-style, as Argo and Flagger use. */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
const PART = /(\d+(?:\.\d+)?)(ms|s|m|h|d)/y;

export type DurationResult = { ok: true; ms: number } | { ok: false; error: string };

export function parseDuration(input: unknown): DurationResult {
  if (typeof input === 'number') {
    // A bare number is seconds, as Argo's `pause.duration: 30` means.
    return Number.isFinite(input) && input >= 0
      ? { ok: true, ms: input * 1000 }
      : { ok: false, error: `${input} is not a duration` };
  }
  if (typeof input !== 'string') return { ok: false, error: 'expected a duration such as 30s, 5m or 1h30m' };
  const text = input.trim();
  if (text === '') return { ok: false, error: 'empty duration: write one such as 30s, 5m or 1h30m' };
  if (/^\d+(\.\d+)?$/.test(text))
    return { ok: false, error: `"${text}" has no unit: write ${text}s, ${text}m or ${text}h` };
  let ms = 0;
  PART.lastIndex = 0;
  let pos = 0;
  while (pos < text.length) {
    PART.lastIndex = pos;
    const m = PART.exec(text);
    if (!m)
      return {
        ok: false,
        error: `"${text}" is not a duration: use a number and a unit (ms, s, m, h, d), e.g. 30s, 5m, 1h30m`,
      };
    ms += Number(m[1]) * UNIT_MS[m[2]];
    pos = PART.lastIndex;
  }
  return { ok: true, ms };
}

/** 90000 -> "1m30s"; 0 -> "0s". For messages, hovers and the CodeLens. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '?';
  if (ms > 0 && ms < 1000) return `${Math.round(ms)}ms`;
  let s = Math.round(ms / 1000);
  const d = Math.floor(s / 86400);
  s -= d * 86400;
  const h = Math.floor(s / 3600);
  s -= h * 3600;
  const m = Math.floor(s / 60);
  s -= m * 60;
  const parts = [d && `${d}d`, h && `${h}h`, m && `${m}m`, s && `${s}s`].filter(Boolean);
  return parts.length ? parts.join('') : '0s';
}
