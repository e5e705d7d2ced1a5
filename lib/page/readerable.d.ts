/**
 * Types for importing Readability's cheap readerability check on its own.
 *
 * `@mozilla/readability`'s index pulls in the whole 90 KB parser; the page-detection script is
 * injected on every page and must stay small, so detect.ts imports this one file directly.
 */
declare module '@mozilla/readability/Readability-readerable.js' {
  export default function isProbablyReaderable(
    document: Document,
    options?: {
      minContentLength?: number;
      minScore?: number;
      visibilityChecker?: (node: Node) => boolean;
    },
  ): boolean;
}
