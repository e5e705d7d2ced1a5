// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import axe from 'axe-core';
import { afterEach, describe, expect, it } from 'vitest';
import english from '../../public/_locales/en/messages.json';
import russian from '../../public/_locales/ru/messages.json';
import { translatorFromTable } from '../../components/i18n';
import { TeamCorpusPanel } from '../../components/TeamCorpusPanel';

const t = translatorFromTable(english);
const ru = translatorFromTable(russian, 'ru');
const time = (ms: number) => new Date(ms).toISOString();
afterEach(cleanup);

describe('TeamCorpusPanel', () => {
  it('tests and saves the address and token typed, and says how the server stands in words', async () => {
    const tested: unknown[] = [];
    const saved: unknown[] = [];
    const { container, rerender } = render(
      <TeamCorpusPanel
        status={{ configured: false }}
        test={null}
        busy={false}
        onTest={(s) => tested.push(s)}
        onSave={(s) => saved.push(s)}
        t={t}
        formatTime={time}
      />,
    );
    const testButton = screen.getByRole('button', { name: 'Test' }) as HTMLButtonElement;
    expect(testButton.disabled).toBe(true);
    fireEvent.input(screen.getByLabelText('Server address'), { target: { value: ' https://team.example.org ' } });
    fireEvent.input(screen.getByLabelText('Team token'), { target: { value: 'slt_abcdefgh' } });
    fireEvent.click(screen.getByRole('button', { name: 'Test' }));
    fireEvent.click(screen.getByRole('button', { name: 'Use this server' }));
    expect(tested).toEqual([{ address: 'https://team.example.org', token: 'slt_abcdefgh' }]);
    expect(saved).toEqual([{ address: 'https://team.example.org', token: 'slt_abcdefgh' }]);

    rerender(
      <TeamCorpusPanel
        status={{
          configured: true,
          address: 'https://team.example.org',
          lastSyncAt: 0,
          statements: 1_000_000,
          lastError: 'the team server could not be reached',
          lastErrorAt: 1000,
          cached: 12,
        }}
        test={{ ok: false, error: 'the team server refused the token: check it in the options' }}
        busy={false}
        onTest={() => undefined}
        onSave={(s) => saved.push(s)}
        t={t}
        formatTime={time}
      />,
    );
    expect(screen.getByTestId('team-test-result').textContent).toBe('The test failed: the team server refused the token: check it in the options.');
    expect(screen.getByTestId('team-error').textContent).toBe('At 1970-01-01T00:00:01.000Z checks stayed local: the team server could not be reached.');
    expect(screen.getByTestId('team-sync').textContent).toContain('12 team statements kept in this browser');
    fireEvent.click(screen.getByRole('button', { name: 'Stop using it' }));
    expect(saved.at(-1)).toBeNull();
    const results = await axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
    expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
  });

  it('an address or token the server would refuse is said in the UI language and not sent', () => {
    const tested: unknown[] = [];
    const saved: unknown[] = [];
    render(<TeamCorpusPanel status={{ configured: false }} test={null} busy={false} onTest={(s) => tested.push(s)} onSave={(s) => saved.push(s)} t={ru} />);
    const problem = () => screen.queryByTestId('team-settings-problem')?.textContent ?? null;
    const address = screen.getByLabelText(russian.teamAddress.message);
    const token = screen.getByLabelText(russian.teamToken.message);
    fireEvent.input(address, { target: { value: 'team.example.org' } });
    fireEvent.input(token, { target: { value: 'slt_abcdefgh' } });
    fireEvent.click(screen.getByRole('button', { name: russian.teamTest.message }));
    expect(problem()).toBe(russian.teamProblemAddress.message);
    fireEvent.input(address, { target: { value: 'https://team.example.org' } });
    expect(problem()).toBeNull();
    fireEvent.input(token, { target: { value: 'slt abc def' } });
    fireEvent.click(screen.getByRole('button', { name: russian.teamSave.message }));
    expect(problem()).toBe(russian.teamProblemTokenSpaces.message);
    fireEvent.input(token, { target: { value: 'slt' } });
    fireEvent.click(screen.getByRole('button', { name: russian.teamTest.message }));
    expect(problem()).toBe(russian.teamProblemTokenShort.message);
    expect(tested).toEqual([]);
    expect(saved).toEqual([]);
    fireEvent.input(token, { target: { value: 'slt_abcdefgh' } });
    fireEvent.click(screen.getByRole('button', { name: russian.teamTest.message }));
    expect(tested).toEqual([{ address: 'https://team.example.org', token: 'slt_abcdefgh' }]);
    expect(problem()).toBeNull();
  });
});
