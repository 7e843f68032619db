/**
 * The typed message protocol between the canary panel's webview and the extension host.
 * Imported by both sides (no `vscode` import here). Everything that arrives over postMessage is
 * untrusted until checked: `parseWebviewMessage` and `parseHostMessage` accept only known types
 * with the right shapes and say what was wrong otherwise, so the receiver can log and ignore it.
 */
import { GATE_PHASES, VERDICTS, type PanelState, type ReadingView } from './panelModel';

/** Host -> webview. */
export type HostMessage =
  /** The whole (bounded) model: on load, and when the watched canary, pause or trust changes. */
  | { type: 'state'; state: PanelState }
  /** A delta: one new reading; the webview appends it to its charts. */
  | { type: 'reading'; reading: ReadingView; backoffMs: number | null };

/** Webview -> host. */
export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'watch'; uri: string }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'stop' }
  | { type: 'openConfig'; uri: string }
  | { type: 'refreshConfigs' };

export type Parsed<T> = { ok: true; message: T } | { ok: false; error: string };

const MAX_URI_LENGTH = 4096;

export function parseWebviewMessage(raw: unknown): Parsed<WebviewMessage> {
  if (!isObject(raw)) return bad(`expected an object, got ${kindOf(raw)}`);
  switch (raw.type) {
    case 'ready':
    case 'pause':
    case 'resume':
    case 'stop':
    case 'refreshConfigs':
      return { ok: true, message: { type: raw.type } };
    case 'watch':
    case 'openConfig': {
      const uri = raw.uri;
      if (typeof uri !== 'string' || uri.length === 0 || uri.length > MAX_URI_LENGTH)
        return bad(`"${raw.type}" needs a uri string`);
      return { ok: true, message: { type: raw.type, uri } };
    }
    default:
      return bad(`unknown message type ${describe(raw.type)}`);
  }
}

/**
 * The webview's side: host messages come from our own extension, but a shape check still keeps a
 * version mismatch (an old webview state, a newer host) from drawing garbage.
 */
export function parseHostMessage(raw: unknown): Parsed<HostMessage> {
  if (!isObject(raw)) return bad(`expected an object, got ${kindOf(raw)}`);
  if (raw.type === 'state') {
    return isPanelState(raw.state)
      ? { ok: true, message: { type: 'state', state: raw.state } }
      : bad('"state" has a bad shape');
  }
  if (raw.type === 'reading') {
    if (!isReading(raw.reading)) return bad('"reading" has a bad shape');
    const backoffMs = raw.backoffMs;
    if (backoffMs !== null && typeof backoffMs !== 'number') return bad('"reading" has a bad backoffMs');
    return { ok: true, message: { type: 'reading', reading: raw.reading, backoffMs } };
  }
  return bad(`unknown message type ${describe(raw.type)}`);
}

export function isPanelState(v: unknown): v is PanelState {
  if (!isObject(v) || typeof v.trusted !== 'boolean' || !Array.isArray(v.configs)) return false;
  if (v.checks !== undefined && !(Array.isArray(v.checks) && v.checks.every(isCheck))) return false;
  if (
    !v.configs.every(
      (c) =>
        isObject(c) &&
        typeof c.uri === 'string' &&
        typeof c.label === 'string' &&
        (c.service === null || typeof c.service === 'string') &&
        typeof c.hasSource === 'boolean',
    )
  )
    return false;
  if (v.watch === null) return true;
  const w = v.watch;
  if (!isObject(w)) return false;
  if (typeof w.configUri !== 'string' || typeof w.configLabel !== 'string' || typeof w.service !== 'string')
    return false;
  if (typeof w.paused !== 'boolean' || typeof w.pollIntervalMs !== 'number' || !isNumOrNull(w.backoffMs)) return false;
  if (w.reading !== null && !isReading(w.reading)) return false;
  if (!Array.isArray(w.charts)) return false;
  return w.charts.every(
    (c) =>
      isObject(c) &&
      typeof c.name === 'string' &&
      typeof c.unit === 'string' &&
      Array.isArray(c.points) &&
      c.points.every(isChartPoint),
  );
}

export function isReading(v: unknown): v is ReadingView {
  if (!isObject(v)) return false;
  if (typeof v.at !== 'number' || typeof v.reason !== 'string' || !(VERDICTS as readonly unknown[]).includes(v.verdict))
    return false;
  if (!Array.isArray(v.errors) || !v.errors.every((e) => typeof e === 'string')) return false;
  const s = v.staircase;
  if (!isObject(s) || !Array.isArray(s.steps) || !s.steps.every((x) => typeof x === 'number')) return false;
  if (!isNumOrNull(s.current) || !isNumOrNull(s.weight) || !isNumOrNull(s.intervalMs) || !isNumOrNull(s.timeInStepMs))
    return false;
  if (!Array.isArray(v.gates)) return false;
  if (v.budget !== undefined && !isBudget(v.budget)) return false;
  return v.gates.every(
    (g) =>
      isObject(g) &&
      typeof g.name === 'string' &&
      typeof g.unit === 'string' &&
      typeof g.threshold === 'string' &&
      isNumOrNull(g.canary) &&
      isNumOrNull(g.baseline) &&
      isNumOrNull(g.limit) &&
      (GATE_PHASES as readonly unknown[]).includes(g.phase) &&
      (g.note === undefined || typeof g.note === 'string'),
  );
}

function isCheck(c: unknown): boolean {
  return (
    isObject(c) &&
    typeof c.name === 'string' &&
    typeof c.file === 'string' &&
    ['Successful', 'Failed', 'Inconclusive', 'Error'].includes(c.phase as string) &&
    isNumOrNull(c.value) &&
    typeof c.condition === 'string' &&
    typeof c.message === 'string' &&
    typeof c.at === 'number'
  );
}

function isChartPoint(p: unknown): boolean {
  return (
    Array.isArray(p) &&
    p.length === 4 &&
    typeof p[0] === 'number' &&
    isNumOrNull(p[1]) &&
    isNumOrNull(p[2]) &&
    isNumOrNull(p[3])
  );
}

function isNumOrNull(v: unknown): v is number | null {
  return v === null || typeof v === 'number';
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function kindOf(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

/** Quotes an unknown type for a log line without echoing a huge or hostile value. */
function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return kindOf(v);
}

function bad(error: string): { ok: false; error: string } {
  return { ok: false, error };
}

function isBudget(b: unknown): boolean {
  return (
    isObject(b) &&
    typeof b.text === 'string' &&
    isNumOrNull(b.spentPercent) &&
    typeof b.maxSpendPercent === 'number' &&
    typeof b.over === 'boolean' &&
    typeof b.overWhileHealthy === 'boolean'
  );
}
