/**
 * The words of a thrown value, for a message shown to the user or logged: an Error's message, and
 * anything else (a rejected promise may carry any value) as a string.
 */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
