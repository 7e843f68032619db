/**
 * The run-time guard of a browser journey: every request the page sends passes through here
 * (playwright-core request routing on the journey's context) before it leaves the browser. A
 * write goes through only while the step that owns it declares `side_effects: sandbox` or
 * `harmless`; otherwise it is aborted. Each write, allowed or blocked, is recorded for the step.
 *
 * Timing. A click's handler may send its POST after `click` has returned, while the next step
 * (often an `expect_*`) is waiting. So a write belongs to its *owner*: the last action step
 * (goto, click, fill, press, select) or step with its own `side_effects` that started before the
 * write was seen; observing steps (expect_*, wait_for, screenshot) never own a write. And a step
 * is not finished until the writes the page started during it have reached the guard: the page
 * reports each write it starts (fetch, XMLHttpRequest, sendBeacon) through a binding, and after
 * each step the guard waits (bounded) until the router has seen as many. Writes seen after the
 * last step are collected when the journey ends, and still fail it.
 */
import type { BrowserContext, Page, Route } from 'playwright-core';
import type { Journey, Step } from '../synthetic/model';
import type { StepFailure, StepResult, WriteRecord } from './result';
import type { Redactor } from './redact';
import { looksSensitive, REDACTED } from './redact';
import { allowsWrites, effectiveMethod, isWriteMethod } from './sideEffects';

const OBSERVING_KINDS = new Set([
  'expect_visible',
  'expect_text',
  'expect_url',
  'expect_load_time',
  'wait_for',
  'screenshot',
]);
const BINDING = '__releaseSafetyWriteStarted';
/** The longest a step waits for the writes its page started to reach the guard (a CSP-blocked fetch never does). */
export const SETTLE_LIMIT_MS = 2000;

interface Owner {
  index: number;
  label: string;
  declared?: string;
}

/** The pure half: who owns a write, whether it may go, and what has not been reported yet. */
export class WriteLedger {
  private owner: Owner | undefined;
  private unreported: WriteRecord[] = [];
  /** Writes the page said it started, and writes the router has seen (plain methods only, as the page counts). */
  private started = 0;
  private seen = 0;
  private waiters: Array<() => void> = [];

  /** A step starts: an action step (or one that declares side_effects) becomes the owner of what follows. */
  begin(step: Step, label: string): void {
    if (!OBSERVING_KINDS.has(step.spec.kind) || step.sideEffects)
      this.owner = { index: step.index, label, declared: step.sideEffects?.value };
  }

  /** Decides one request. Undefined: not a write, let it through unrecorded. */
  decide(request: {
    method: string;
    url: string;
    headers: Record<string, string>;
    body?: string;
    navigation?: boolean;
  }): WriteRecord | undefined {
    const headers = Object.entries(request.headers);
    const contentType = headers.find(([k]) => k.toLowerCase() === 'content-type')?.[1];
    const plainWrite = isWriteMethod(request.method);
    const eff = effectiveMethod({ method: request.method, headers, url: request.url, body: request.body, contentType });
    // The page reports the writes it starts from script (fetch, XHR, beacon), never a form's
    // navigation: count only those, or a form post would stand in for a fetch still on its way.
    if (plainWrite && !request.navigation) this.noteSeen();
    if (!plainWrite && !eff.via) return undefined;
    const owner = this.owner;
    const record: WriteRecord = {
      method: eff.method,
      url: displayUrl(request.url),
      allowed: allowsWrites(owner?.declared),
      stepIndex: owner?.index ?? 0,
      ...(owner ? { step: owner.label } : {}),
      ...(eff.via ? { via: eff.via } : {}),
    };
    this.unreported.push(record);
    return record;
  }

  /** The page started a write (called from its binding). */
  noteStarted(): void {
    this.started++;
  }

  /** A write the page started will never reach the router (it failed in the page: CSP, offline). */
  noteAbandoned(): void {
    this.started = Math.max(this.seen, this.started - 1);
    this.wake();
  }

  private noteSeen(): void {
    this.seen++;
    this.wake();
  }

  private wake(): void {
    if (this.seen < this.started) return;
    const w = this.waiters;
    this.waiters = [];
    for (const f of w) f();
  }

  /** Resolves when every write the page reported has been seen, or after `limitMs`. */
  caughtUp(limitMs: number): Promise<void> {
    if (this.seen >= this.started) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== done);
        resolve();
      }, limitMs);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      this.waiters.push(done);
    });
  }

  /** The writes not yet put on a step's result, oldest first; they are now reported. */
  take(): WriteRecord[] {
    const out = this.unreported;
    this.unreported = [];
    return out;
  }
}

/**
 * Routes every request of the context through the ledger and teaches its pages to report the
 * writes they start. Must run before the first page of the context opens.
 */
export async function installWriteGuard(context: BrowserContext, ledger: WriteLedger): Promise<void> {
  await context.exposeBinding(BINDING, (_source, what: unknown) => {
    if (what === 'abandoned') ledger.noteAbandoned();
    else ledger.noteStarted();
  });
  await context.addInitScript({ content: PAGE_REPORTER });
  await context.route('**/*', async (route: Route) => {
    const request = route.request();
    let record: WriteRecord | undefined;
    try {
      record = ledger.decide({
        method: request.method(),
        url: request.url(),
        headers: request.headers(),
        body: request.postData() ?? undefined,
        navigation: request.isNavigationRequest(),
      });
    } catch {
      record = undefined; // a request we cannot read is not a write we can name; let the browser decide
    }
    try {
      if (record && !record.allowed) await route.abort('blockedbyclient');
      else await route.continue();
    } catch {
      // the page or context closed while the request waited: nothing left the browser
    }
  });
}

/**
 * Waits until the writes the page started so far have been seen by the router. The evaluate is a
 * round trip on the page's own channel, after which every binding call the page made before it
 * has arrived; then the router's side is awaited, bounded.
 */
export async function settleWrites(page: Page, ledger: WriteLedger, limitMs = SETTLE_LIMIT_MS): Promise<void> {
  await page.evaluate('0').catch(() => undefined);
  await ledger.caughtUp(limitMs);
}

/**
 * Runs in every frame before the page's own scripts: reports each write the page starts through
 * fetch, XMLHttpRequest or sendBeacon (plain methods only; the router classifies overrides), and
 * takes it back when the page's request fails before reaching the network.
 */
const PAGE_REPORTER = `(() => {
  const report = window.${BINDING};
  if (typeof report !== 'function' || window.__releaseSafetyGuarded) return;
  Object.defineProperty(window, '__releaseSafetyGuarded', { value: true });
  const SAFE = ['GET', 'HEAD', 'OPTIONS'];
  const httpUrl = (u) => { try { return /^https?:$/.test(new URL(String(u), location.href).protocol); } catch (e) { return false; } };
  const isWrite = (m) => !SAFE.includes(String(m || 'GET').toUpperCase());
  const tell = (what) => { try { report(what); } catch (e) {} };
  const origFetch = window.fetch;
  if (origFetch) window.fetch = function (input, init) {
    const method = (init && init.method) || (input && typeof input === 'object' && input.method) || 'GET';
    const url = input && typeof input === 'object' && 'url' in input ? input.url : input;
    const counted = isWrite(method) && httpUrl(url);
    if (counted) tell('started');
    const p = origFetch.apply(this, arguments);
    if (counted) p.catch(() => tell('abandoned'));
    return p;
  };
  const XHR = window.XMLHttpRequest && window.XMLHttpRequest.prototype;
  if (XHR) {
    const open = XHR.open, send = XHR.send;
    XHR.open = function (method, url) { this.__rsWrite = isWrite(method) && httpUrl(url); return open.apply(this, arguments); };
    XHR.send = function () {
      if (this.__rsWrite) { tell('started'); this.addEventListener('error', () => tell('abandoned')); }
      return send.apply(this, arguments);
    };
  }
  const beacon = navigator.sendBeacon && navigator.sendBeacon.bind(navigator);
  if (beacon) navigator.sendBeacon = function (url, data) {
    const ok = beacon(url, data);
    if (ok && httpUrl(url)) tell('started');
    return ok;
  };
})();`;

/** A URL fit to print: no user:password, and sensitive query values (token=, api_key=) hidden. */
export function displayUrl(raw: string): string {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return raw.slice(0, 200);
  }
  u.username = '';
  u.password = '';
  for (const key of [...u.searchParams.keys()]) if (looksSensitive(key)) u.searchParams.set(key, REDACTED);
  const s = u.href;
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

/** The step failure for blocked writes: names the first, counts the rest, and says what to declare. */
export function blockedMessage(blocked: readonly WriteRecord[], currentIndex: number): string {
  const first = blocked[0];
  let path: string;
  try {
    const u = new URL(first.url);
    path = `${u.pathname}${u.search}`;
  } catch {
    path = first.url;
  }
  const more =
    blocked.length > 1 ? ` (and ${blocked.length - 1} more blocked write${blocked.length > 2 ? 's' : ''})` : '';
  const via = first.via ? `, as ${first.via}` : '';
  const where =
    first.stepIndex === currentIndex
      ? `during ${first.step ?? 'this step'}`
      : `after ${first.step ?? 'an earlier step'} (step ${first.stepIndex + 1})`;
  const which = first.stepIndex === currentIndex ? 'this step' : `step ${first.stepIndex + 1}`;
  return `blocked write: the page sent ${first.method} ${path} (${first.url}${via}) ${where}, which does not declare side effects; it never left the browser${more}. If it is safe, add \`side_effects: harmless\` to ${which} (it changes nothing a customer or the business sees, e.g. a sign-in or a search) or \`side_effects: sandbox\` (it only touches a sandbox or test account)`;
}

/** Puts late writes on the last step's result; the first blocked one becomes the journey's failure. */
export function lateWrites(
  writes: WriteRecord[],
  steps: StepResult[],
  journey: Journey,
  redactor: Redactor,
): StepFailure | undefined {
  const last = steps[steps.length - 1];
  if (!writes.length || !last) return undefined;
  steps[steps.length - 1] = { ...last, writes: redactor.deep([...(last.writes ?? []), ...writes]) };
  const blocked = writes.filter((w) => !w.allowed);
  if (!blocked.length) return undefined;
  return {
    kind: 'side-effect',
    message: redactor.text(`${blockedMessage(blocked, -1)}. It reached the guard after the last step had ended`),
    stepIndex: blocked[0].stepIndex,
    ref: journey.steps.find((s) => s.index === blocked[0].stepIndex)?.keyRef ?? last.ref,
  };
}
