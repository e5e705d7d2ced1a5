/**
 * Repeats a worker's first check a few times while the worker is otherwise idle, so the checks that
 * follow run at V8's optimised speed.
 *
 * Why: a fresh worker (after a browser start, an import, or the MV3 stop after 30 s idle) runs its
 * first checks in V8's interpreter and baseline tiers, before the engine's hot loops are optimised
 * and its word caches hold the common words. At 100,000 statements the second to fourth checks of a
 * worker's life took 20-50 ms in Chromium, against 8-15 ms once warm (docs/PERFORMANCE.md). A reader
 * who opens several articles from one front page sends those checks seconds apart.
 *
 * Why repeat the check just answered: its article and candidate texts are already in memory, so the
 * repeats need no IndexedDB read and exercise exactly the code a real check runs (same language,
 * same paths). Their results are discarded.
 *
 * Cost and bounds: {@link WARM_UP_RUNS} runs once per worker life (a few tens of ms of CPU, against
 * the cold start's ~150 ms), only after the answer is sent, one run at a time with a gap between,
 * and never while a check is in flight: a run waits for it, so a reader's check never queues behind
 * more than one run.
 */

/**
 * Repeats of the first check. At 100k in Chromium, three lowered the warm p95 from a mean of 28.2 to
 * 25.1 ms over five alternating runs; five did no better (docs/PERFORMANCE.md, "Session 10").
 */
export const WARM_UP_RUNS = 3;
/** Idle gap before each run (ms): the answer's delivery and the page's next message go first. */
export const WARM_UP_GAP_MS = 25;

export interface WarmUpOptions {
  runs?: number;
  /** Runs the callback later (default setTimeout with {@link WARM_UP_GAP_MS}). */
  later?: (callback: () => void) => void;
  /** True while a real check is running: a run then waits for the next gap. */
  busy: () => boolean;
}

export interface WarmUp {
  /**
   * Called after each answered check with a way to repeat it. Only the first call in the worker's
   * life schedules repeats; `repeat` resolving to false (e.g. the corpus changed) ends them early.
   */
  afterCheck(repeat: () => Promise<boolean>): void;
}

export function createWarmUp(options: WarmUpOptions): WarmUp {
  const runs = options.runs ?? WARM_UP_RUNS;
  const later = options.later ?? ((callback: () => void) => void setTimeout(callback, WARM_UP_GAP_MS));
  let started = false;
  return {
    afterCheck(repeat) {
      if (started || runs <= 0) return;
      started = true;
      let left = runs;
      const step = () => {
        if (options.busy()) return later(step);
        left--;
        repeat().then(
          (goOn) => {
            if (goOn && left > 0) later(step);
          },
          // A failed repeat is not worth a word: the real check it copies was answered.
          () => undefined,
        );
      };
      later(step);
    },
  };
}
