/**
 * Scheduling on the worker's thread. A task queued with setTimeout runs after the microtasks and the
 * events (IndexedDB callbacks, messages) already queued, so CPU work placed there lets those go first.
 */

/** Resolves in a later task. */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs `work` in a later task and resolves with its result (or rejects with its error). */
export function inLaterTask<T>(work: () => T): Promise<T> {
  return nextTask().then(work);
}
