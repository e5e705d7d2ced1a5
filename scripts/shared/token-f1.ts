/**
 * How close an extracted text is to the expected one: F1 over word tokens, counted with repeats
 * (scripts/page-dev-set.ts scores the development pages with it, tests/page/extract.test.ts holds extraction to it). Each
 * Han/kana character is a token of its own, since those scripts do not space words.
 */
export function tokenF1(candidate: string, reference: string): number {
  const candidateTokens = tokens(candidate);
  const referenceTokens = tokens(reference);
  if (candidateTokens.length === 0 || referenceTokens.length === 0) {
    return candidateTokens.length === referenceTokens.length ? 1 : 0;
  }
  const remaining = new Map<string, number>();
  for (const token of referenceTokens) remaining.set(token, (remaining.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of candidateTokens) {
    const count = remaining.get(token) ?? 0;
    if (count > 0) {
      common++;
      remaining.set(token, count - 1);
    }
  }
  const precision = common / candidateTokens.length;
  const recall = common / referenceTokens.length;
  return common === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** Words; each Han/kana character is a token of its own, since those scripts do not space words. */
export function tokens(text: string): string[] {
  return (
    text
      .normalize('NFKC')
      .toLowerCase()
      .match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu) ?? []
  );
}
