import { describe, expect, it } from 'vitest';
import { createWarmUp } from '../../lib/background/warm-up';

/** A hand-driven scheduler: callbacks wait in `queue` until the test runs them. */
function manualLater() {
  const queue: Array<() => void> = [];
  return { queue, later: (callback: () => void) => void queue.push(callback) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('createWarmUp (repeats of the first check, warm-up.ts)', () => {
  it('repeats only the first check, the given number of times, one run per idle slot', async () => {
    const { queue, later } = manualLater();
    const warmUp = createWarmUp({ runs: 3, later, busy: () => false });
    const runs: string[] = [];
    warmUp.afterCheck(async () => {
      runs.push('first');
      return true;
    });
    warmUp.afterCheck(async () => {
      runs.push('second');
      return true;
    });
    expect(runs).toEqual([]);
    for (let step = 0; step < 10 && queue.length; step++) {
      expect(queue).toHaveLength(1);
      queue.shift()!();
      await settle();
    }
    expect(runs).toEqual(['first', 'first', 'first']);
    expect(queue).toHaveLength(0);
  });

  it('waits while a check is running, then goes on', async () => {
    const { queue, later } = manualLater();
    let busy = true;
    let runs = 0;
    createWarmUp({ runs: 2, later, busy: () => busy }).afterCheck(async () => {
      runs++;
      return true;
    });
    queue.shift()!();
    await settle();
    expect(runs).toBe(0);
    expect(queue).toHaveLength(1);
    busy = false;
    queue.shift()!();
    await settle();
    expect(runs).toBe(1);
  });

  it('stops when a repeat says so (corpus changed) or fails', async () => {
    for (const repeat of [async () => false, async () => Promise.reject(new Error('store closed'))]) {
      const { queue, later } = manualLater();
      let runs = 0;
      createWarmUp({ runs: 3, later, busy: () => false }).afterCheck(() => {
        runs++;
        return repeat();
      });
      queue.shift()!();
      await settle();
      expect(runs).toBe(1);
      expect(queue).toHaveLength(0);
    }
  });

  it('runs: 0 schedules nothing', () => {
    const { queue, later } = manualLater();
    createWarmUp({ runs: 0, later, busy: () => false }).afterCheck(async () => true);
    expect(queue).toHaveLength(0);
  });
});
