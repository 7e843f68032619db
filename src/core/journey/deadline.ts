/**
 * The three things that can stop a step: the user (cancellation), the journey's limit and the
 * step's own timeout. One combined AbortSignal goes to fetch / Playwright; when it fires, `why()`
 * says which of the three it was, so the failure can say so in words.
 */
import { formatDuration } from '../model/duration';
import type { FailureKind } from './result';

export interface AbortWhy {
  kind: FailureKind;
  message: string;
}

/** A journey's clock: cancelled by the user's signal or by its own limit. */
export class JourneyDeadline {
  private readonly limit = new AbortController();
  private readonly timer: NodeJS.Timeout;
  /** The steps running now: stopped directly when the journey stops (see StepDeadline). */
  private readonly running = new Set<StepDeadline>();
  readonly signal: AbortSignal;

  constructor(
    readonly userSignal: AbortSignal | undefined,
    readonly limitMs: number,
  ) {
    this.timer = setTimeout(() => this.limit.abort(new Error('journey limit')), limitMs);
    this.timer.unref?.();
    this.signal = userSignal ? AbortSignal.any([userSignal, this.limit.signal]) : this.limit.signal;
    this.signal.addEventListener('abort', () => this.running.forEach((s) => s.journeyStopped()), { once: true });
  }

  /** @internal StepDeadline's bookkeeping. */
  track(step: StepDeadline, running: boolean): void {
    if (running) this.running.add(step);
    else this.running.delete(step);
  }

  get cancelled(): boolean {
    return !!this.userSignal?.aborted;
  }

  get expired(): boolean {
    return this.limit.signal.aborted;
  }

  /** A clock for one step inside this journey. */
  step(timeoutMs: number): StepDeadline {
    return new StepDeadline(this, timeoutMs);
  }

  why(): AbortWhy | undefined {
    if (this.cancelled) return { kind: 'cancelled', message: 'cancelled before the step finished' };
    if (this.expired)
      return {
        kind: 'timeout',
        message: `the journey ran out of time: its limit is ${formatDuration(this.limitMs)} (set "timeout:" on the journey to change it)`,
      };
    return undefined;
  }

  dispose(): void {
    clearTimeout(this.timer);
  }
}

export class StepDeadline {
  private readonly own = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private timedOut = false;
  readonly signal: AbortSignal;
  readonly startedAt = performance.now();

  constructor(
    private readonly journey: JourneyDeadline,
    readonly timeoutMs: number,
  ) {
    // One controller, stopped by the journey through its list of running steps: AbortSignal.any,
    // or a listener on the journey's signal per step, costs far more (weak refs, event-target
    // bookkeeping, GC work), which shows in a journey of hundreds of fast steps.
    this.signal = this.own.signal;
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.own.abort(new Error('step timeout'));
    }, timeoutMs);
    this.timer.unref?.();
    if (journey.signal.aborted) this.own.abort(new Error('journey stopped'));
    else journey.track(this, true);
  }

  /** @internal Called by the journey when it is cancelled or runs out of time. */
  journeyStopped(): void {
    this.own.abort(new Error('journey stopped'));
  }

  /** Which clock stopped the step; `phase` says what was being waited for. */
  why(phase = 'the step to finish'): AbortWhy | undefined {
    const j = this.journey.why();
    if (j) return j;
    if (this.timedOut)
      return {
        kind: 'timeout',
        message: `timed out after ${formatDuration(this.timeoutMs)} waiting for ${phase} (the step's timeout; set "timeout:" on the step to change it)`,
      };
    return undefined;
  }

  /** Milliseconds left before this step must stop. */
  remainingMs(): number {
    return Math.max(0, this.timeoutMs - (performance.now() - this.startedAt));
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.journey.track(this, false);
  }
}

export { sleep } from '../abortableSleep';
