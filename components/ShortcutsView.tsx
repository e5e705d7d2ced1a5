import type { MessageKey, Translate } from './i18n';

/** A keyboard command as the browser reports it (commands.getAll): its shortcut is '' when unset. */
export interface Shortcut {
  name?: string;
  shortcut?: string;
  description?: string;
}

/** What each of our commands does, in the user's language (the popup's own command has no description in Chrome). */
const COMMAND_LABELS: Record<string, MessageKey> = {
  _execute_action: 'commandOpenPopup',
  'toggle-hints': 'commandToggleHints',
};

export interface ShortcutsViewProps {
  shortcuts: Shortcut[] | null;
  t: Translate;
}

/** The keyboard shortcuts: open the popup, show or hide the marks; "not set" when the user removed one. */
export function ShortcutsView({ shortcuts, t }: ShortcutsViewProps) {
  const known = (shortcuts ?? []).filter((command) => command.name && COMMAND_LABELS[command.name]);
  if (known.length === 0) return null;
  return (
    <dl class="shortcuts" data-testid="shortcuts">
      {known.map((command) => (
        <div key={command.name} data-command={command.name}>
          <dt>{t(COMMAND_LABELS[command.name!]!)}</dt>
          <dd>{command.shortcut ? <kbd>{command.shortcut}</kbd> : <span class="muted">{t('shortcutNotSet')}</span>}</dd>
        </div>
      ))}
    </dl>
  );
}
