// @vitest-environment happy-dom
import { cleanup, render } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import english from '../../public/_locales/en/messages.json';
import { translatorFromTable } from '../../components/i18n';
import { WordDiff } from '../../components/WordDiff';
import type { DiffPart } from '../../lib/engine/index';

const t = translatorFromTable(english);
afterEach(cleanup);

/** What a reader sees: the diff's text without the words announced only to screen readers. */
function visibleText(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('.sr-only')) hidden.remove();
  return copy.textContent ?? '';
}

describe('WordDiff', () => {
  it('keeps a space between the parts: words of neighbouring parts never run together', () => {
    // The parts of the altered quote seen in the browser ("groupor a detachment…territoryattacked").
    const parts: DiffPart[] = [
      { op: 'equal', text: 'a sabotage group' },
      { op: 'delete', text: 'or a detachment' },
      { op: 'equal', text: 'entered the territory' },
      { op: 'insert', text: 'and attacked' },
      { op: 'equal', text: 'in the region' },
    ];
    const { getByTestId } = render(<WordDiff parts={parts} t={t} />);
    const diff = getByTestId('word-diff');
    expect(visibleText(diff)).toBe('a sabotage group or a detachment entered the territory and attacked in the region');
    // The spaces are outside the struck and underlined words, so no mark runs into a neighbour.
    expect([...diff.querySelectorAll('del, ins')].map((el) => el.lastChild!.textContent)).toEqual(['or a detachment', 'and attacked']);
  });
});
