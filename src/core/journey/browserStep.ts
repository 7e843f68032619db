/**
 * Browser steps (goto, click, fill, press, select, wait_for, expect_visible, expect_text,
 * expect_url, expect_load_time, screenshot) on a page of a browser already on the machine.
 * One browser per run, one fresh context (no cookies carried over) per journey. A failing step
 * leaves a screenshot whose file name is made from redacted text only.
 * Loaded by the runner with a dynamic import, only when a browser journey runs.
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { formatDuration } from '../model/duration';
import { parseThreshold } from '../model/threshold';
import type { BrowserStep, Journey, Step } from '../synthetic/model';
import { launchBrowser } from './browserLaunch';
import { certificateRefused, trustHint } from './browserTrust';
import type { BrowserProxy } from '../net/proxyEnv';
import type { JourneyDeadline } from './deadline';
import { resolveUrl, stepLabel, type StepOutcome } from './httpStep';
import { snippet } from './httpExpect';
import type { Redactor } from './redact';
import { substitute, VariableError, type VariableScope } from './variables';
import type { WriteRecord } from './result';
import { blockedMessage, installWriteGuard, settleWrites, WriteLedger } from './writeGuard';

export interface BrowserOptions {
  /** Executable of Chrome / Chromium / Edge; default: auto-detected. */
  browserPath?: string;
  /** Show the window (default: headless). */
  headed?: boolean;
  /** Where screenshots go; default: <tmp>/release-safety/screenshots. */
  screenshotDir?: string;
  /** The proxy the API steps use, for the browser too (Playwright's launch option). */
  proxy?: BrowserProxy;
  /** Extra trusted authorities, PEM each (--cacert): the browser trusts them too (see browserTrust.ts). */
  ca?: readonly string[];
  /** How to trust a private CA, in the caller's words; default: the CLI's --cacert. */
  untrustedHint?: string;
}

export interface BrowserJourney {
  runStep(step: Step, scope: VariableScope, defaultTimeoutMs: number): Promise<StepOutcome>;
  /** The writes that reached the guard after the last step ended (a late click handler): blocked ones fail the journey. */
  finish(): Promise<WriteRecord[]>;
  close(): Promise<void>;
}

export interface BrowserSession {
  journey(journey: Journey, deadline: JourneyDeadline): Promise<BrowserJourney>;
  close(): Promise<void>;
}

export async function openBrowserSession(options: BrowserOptions, redactor: Redactor): Promise<BrowserSession> {
  let browser: Promise<Browser> | undefined;
  const dir = options.screenshotDir ?? join(tmpdir(), 'release-safety', 'screenshots');
  return {
    async journey(journey, deadline) {
      browser ??= launchBrowser(options, deadline.signal);
      let b: Browser;
      try {
        b = await browser;
      } catch (e) {
        browser = undefined; // let a later journey try again (e.g. after a cancelled start)
        throw e;
      }
      const context = await b.newContext({ viewport: { width: 1280, height: 800 } });
      // Every request of the journey goes through the write guard, from the first page on.
      const ledger = new WriteLedger();
      await installWriteGuard(context, ledger);
      const page = await context.newPage();
      // A cancelled or expired journey closes its context: every pending Playwright call rejects at once.
      const onAbort = () => void context.close().catch(() => undefined);
      if (deadline.signal.aborted) {
        onAbort();
        throw new Error('the journey stopped while the browser was starting');
      }
      deadline.signal.addEventListener('abort', onAbort, { once: true });
      return new PageJourney(journey, page, context, deadline, dir, redactor, ledger, trustHint(options), () =>
        deadline.signal.removeEventListener('abort', onAbort),
      );
    },
    async close() {
      if (browser)
        await browser.then(
          (b) => b.close(),
          () => undefined,
        );
    },
  };
}

class PageJourney implements BrowserJourney {
  private shots = 0;

  constructor(
    private readonly journey: Journey,
    private readonly page: Page,
    private readonly context: BrowserContext,
    private readonly deadline: JourneyDeadline,
    private readonly dir: string,
    private readonly redactor: Redactor,
    private readonly ledger: WriteLedger,
    private readonly untrustedHint: string,
    private readonly detach: () => void,
  ) {}

  async finish(): Promise<WriteRecord[]> {
    if (!this.deadline.signal.aborted) await settleWrites(this.page, this.ledger);
    return this.ledger.take();
  }

  async close(): Promise<void> {
    this.detach();
    await this.context.close().catch(() => undefined);
  }

  async runStep(step: Step, scope: VariableScope, defaultTimeoutMs: number): Promise<StepOutcome> {
    const spec = step.spec as BrowserStep;
    const timeout = step.timeoutMs ?? defaultTimeoutMs;
    const started = performance.now();
    this.ledger.begin(step, this.redactor.text(stepLabel(step)));
    const done = (extra: Partial<StepOutcome>): StepOutcome => ({
      attempts: 1,
      ...extra,
      timings: { ...extra.timings, totalMs: performance.now() - started },
    });
    let out: Partial<StepOutcome>;
    try {
      out = await this.act(step, spec, scope, timeout);
    } catch (e) {
      const why = this.deadline.why();
      if (why) return done({ failure: { ...why, ref: step.keyRef }, ...this.writes() });
      if (e instanceof VariableError)
        return done({ failure: { kind: 'config', message: e.message, ref: step.keyRef }, ...this.writes() });
      out = {
        failure: {
          kind: isTimeout(e) ? 'timeout' : 'browser',
          message: this.describe(e, spec, timeout),
          ref: step.keyRef,
        },
      };
    }
    // The step is not over until the writes its page started have reached the guard.
    if (!this.deadline.signal.aborted) await settleWrites(this.page, this.ledger);
    const { writes } = this.writes();
    const blocked = writes?.filter((w) => !w.allowed) ?? [];
    if (blocked.length) {
      // A blocked write is the failure that matters: what the step saw after it is its consequence.
      const owner =
        blocked[0].stepIndex === step.index
          ? step
          : (this.journey.steps.find((s) => s.index === blocked[0].stepIndex) ?? step);
      out = {
        ...out,
        failure: { kind: 'side-effect', message: blockedMessage(blocked, step.index), ref: owner.keyRef },
      };
    }
    if (writes) out.writes = writes;
    if (out.failure && out.failure.kind !== 'cancelled' && !this.deadline.cancelled) {
      const shot = await this.screenshot(`step${step.index + 1}-failed`);
      if (shot) out.screenshot = shot;
    }
    return done(out);
  }

  /** The writes not yet reported, as a partial outcome. */
  private writes(): { writes?: WriteRecord[] } {
    const w = this.ledger.take();
    return w.length ? { writes: w } : {};
  }

  private selectorOf(spec: BrowserStep, scope: VariableScope): string {
    const s = spec.selector ?? spec.target;
    if (!s) throw new VariableError(`${spec.kind} needs a selector`);
    return substitute(s, scope);
  }

  private async act(
    step: Step,
    spec: BrowserStep,
    scope: VariableScope,
    timeout: number,
  ): Promise<Partial<StepOutcome>> {
    const page = this.page;
    switch (spec.kind) {
      case 'goto': {
        const url = resolveUrl(
          substitute(spec.target ?? '', scope),
          this.journey.baseUrl ? substitute(this.journey.baseUrl.value, scope) : undefined,
        );
        const response = await page.goto(url.href, { timeout, waitUntil: 'load' });
        const nav = await this.navigationTiming();
        const timings = nav ? { ttfbMs: nav.ttfb, loadMs: nav.load, totalMs: 0 } : undefined;
        if (response && response.status() >= 400)
          return {
            failure: {
              kind: 'assertion',
              message: `${url.pathname} answered ${response.status()} ${response.statusText()}`.trim(),
              expected: 'a page (status below 400)',
              actual: String(response.status()),
              ref: step.keyRef,
            },
            timings,
            httpStatus: response.status(),
          };
        return { ...(timings ? { timings } : {}), ...(response ? { httpStatus: response.status() } : {}) };
      }
      case 'click':
        await page.click(this.selectorOf(spec, scope), { timeout });
        return {};
      case 'fill': {
        const value = substitute(spec.value ?? '', scope);
        await page.fill(this.selectorOf(spec, scope), value, { timeout });
        return {};
      }
      case 'press': {
        const key = substitute(spec.value ?? spec.target ?? '', scope);
        if (spec.selector) await page.press(substitute(spec.selector, scope), key, { timeout });
        else await page.keyboard.press(key);
        return {};
      }
      case 'select':
        await page.selectOption(this.selectorOf(spec, scope), substitute(spec.value ?? '', scope), { timeout });
        return {};
      case 'wait_for':
        await page.waitForSelector(this.selectorOf(spec, scope), { state: 'visible', timeout });
        return {};
      case 'expect_visible': {
        const selector = this.selectorOf(spec, scope);
        try {
          await page.waitForSelector(selector, { state: 'visible', timeout });
          return {};
        } catch (e) {
          if (!isTimeout(e)) throw e;
          const count = await page
            .locator(selector)
            .count()
            .catch(() => 0);
          return {
            failure: {
              kind: 'assertion',
              message: `expected ${selector} to be visible within ${formatDuration(timeout)}; ${count ? 'it is on the page but hidden' : 'nothing on the page matches it'} (page: ${page.url()})`,
              expected: 'visible',
              actual: count ? 'hidden' : 'not found',
              ref: step.ref,
            },
          };
        }
      }
      case 'expect_text': {
        const selector = this.selectorOf(spec, scope);
        const expected = substitute(spec.value ?? '', scope);
        let actual: string | null = null;
        const until = performance.now() + timeout;
        // Polls: the text may arrive after a fetch on the page.
        for (;;) {
          const seen = await page
            .locator(selector)
            .first()
            .innerText({ timeout: Math.max(1, until - performance.now()) })
            .catch((e) => (isTimeout(e) ? null : Promise.reject(e)));
          if (seen !== null) actual = seen;
          if (actual !== null && actual.includes(expected)) return {};
          if (performance.now() >= until) break;
          await page.waitForTimeout(100);
        }
        return {
          failure: {
            kind: 'assertion',
            message:
              actual === null
                ? `expected ${selector} to contain "${expected}", but nothing on the page matches ${selector}`
                : `expected ${selector} to contain "${expected}", it shows "${snippet(actual)}"`,
            expected,
            actual: actual ?? '(not found)',
            ref: step.ref,
          },
        };
      }
      case 'expect_url': {
        const want = substitute(spec.target ?? spec.value ?? '', scope);
        const until = performance.now() + timeout;
        for (;;) {
          if (urlMatches(page.url(), want)) return {};
          if (performance.now() >= until) break;
          await page.waitForTimeout(100);
        }
        return {
          failure: {
            kind: 'assertion',
            message: `expected the page's URL to match ${want}, it is ${page.url()}`,
            expected: want,
            actual: page.url(),
            ref: step.ref,
          },
        };
      }
      case 'expect_load_time': {
        const text = spec.target ?? spec.value ?? '';
        const t = parseThreshold(text);
        if (
          !t.ok ||
          t.threshold.kind !== 'absolute' ||
          (t.threshold.unit && t.threshold.unit !== 'ms' && t.threshold.unit !== 's')
        )
          return {
            failure: {
              kind: 'config',
              message: `expect_load_time "${text}" is not a limit: write "< 3s" or "<= 2500ms"`,
              ref: step.ref,
            },
          };
        await page.waitForLoadState('load', { timeout });
        const nav = await this.navigationTiming();
        if (!nav)
          return {
            failure: {
              kind: 'assertion',
              message: 'no page has been loaded yet: put a goto step before expect_load_time',
              ref: step.ref,
            },
          };
        const limit = t.threshold.unit === 's' ? t.threshold.value * 1000 : t.threshold.value;
        const ok = compare(nav.load, t.threshold.op, limit);
        const timings = { ttfbMs: nav.ttfb, loadMs: nav.load, totalMs: 0 };
        if (!ok)
          return {
            timings,
            failure: {
              kind: 'assertion',
              message: `expected the page to load ${text.trim()}, it took ${Math.round(nav.load)}ms`,
              expected: text.trim(),
              actual: `${Math.round(nav.load)}ms`,
              ref: step.ref,
            },
          };
        return { timings };
      }
      case 'screenshot': {
        const shot = await this.screenshot(spec.target ?? spec.value ?? `step${step.index + 1}`);
        if (!shot)
          return {
            failure: { kind: 'browser', message: `the screenshot could not be written to ${this.dir}`, ref: step.ref },
          };
        return { screenshot: shot };
      }
      default:
        return {
          failure: {
            kind: 'config',
            message: `unknown browser step "${(spec as { kind: string }).kind}"`,
            ref: step.ref,
          },
        };
    }
  }

  /** The last navigation's timing, relative to its start (ms). */
  private async navigationTiming(): Promise<{ load: number; ttfb: number } | undefined> {
    const read = () =>
      this.page.evaluate(() => {
        // Runs in the page: the browser's Navigation Timing (the core is compiled without DOM types).
        const n = (performance.getEntriesByType as (type: string) => unknown[])('navigation')[0] as
          { loadEventEnd: number; responseStart: number; startTime: number } | undefined;
        return n
          ? { load: n.loadEventEnd - n.startTime, ttfb: n.responseStart - n.startTime, ended: n.loadEventEnd > 0 }
          : null;
      });
    let n = await read().catch(() => null);
    // loadEventEnd is set just after the load handlers run: one more look once they are done.
    if (n && !n.ended) {
      await this.page.waitForTimeout(50);
      n = await read().catch(() => null);
    }
    return n && n.ended ? { load: n.load, ttfb: n.ttfb } : undefined;
  }

  /** Writes a PNG whose name is built from redacted, file-safe text. Undefined when it could not. */
  private async screenshot(label: string): Promise<string | undefined> {
    try {
      mkdirSync(this.dir, { recursive: true });
      const name = `${safeName(this.redactor.text(this.journey.name))}-${safeName(this.redactor.text(label))}-${++this.shots}.png`;
      const path = join(this.dir, name);
      await this.page.screenshot({ path, timeout: 5000 });
      return path;
    } catch {
      return undefined;
    }
  }

  private describe(e: unknown, spec: BrowserStep, timeout: number): string {
    const first = String((e as Error)?.message ?? e)
      .split('\n')[0]
      .replace(/^\w+(\.\w+)?:\s*/, '');
    const what = spec.selector ?? spec.target ?? '';
    if (isTimeout(e)) {
      if (spec.kind === 'goto') return `${what} did not finish loading within ${formatDuration(timeout)}`;
      return `${spec.kind} ${what}: nothing visible and ready matched within ${formatDuration(timeout)}`;
    }
    if (/ERR_CONNECTION_REFUSED/.test(first))
      return `connection refused for ${what}: nothing is listening there. Is the service running?`;
    const refused = certificateRefused(first, this.untrustedHint);
    if (refused) return refused;
    if (/ERR_NAME_NOT_RESOLVED/.test(first))
      return `the host of ${what} was not found (DNS): check the URL or base_url`;
    if (/Target (page, context or browser )?(has been )?closed|browser has disconnected/i.test(first))
      return 'the browser closed during the step';
    return `${spec.kind} ${what} failed: ${first}`;
  }
}

function isTimeout(e: unknown): boolean {
  return (e as Error)?.name === 'TimeoutError';
}

function compare(value: number, op: string, limit: number): boolean {
  return op === '<' ? value < limit : op === '<=' ? value <= limit : op === '>' ? value > limit : value >= limit;
}

/** A path (`/dashboard`), a full URL, or a glob with `*`; a trailing slash does not matter. */
export function urlMatches(actual: string, want: string): boolean {
  const norm = (s: string) => s.replace(/\/+$/, '');
  let u: URL;
  try {
    u = new URL(actual);
  } catch {
    return false;
  }
  if (want.includes('*')) {
    const re = new RegExp(
      `^${want
        .split('*')
        .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    return re.test(actual) || re.test(`${u.pathname}${u.search}`);
  }
  if (want.startsWith('/')) return norm(want.includes('?') ? `${u.pathname}${u.search}` : u.pathname) === norm(want);
  return norm(actual) === norm(want);
}

/** File-safe: letters, digits, dot, dash; `***` from redaction becomes dashes. */
function safeName(s: string): string {
  return (
    s
      .replace(/[^A-Za-z0-9._-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'journey'
  );
}
