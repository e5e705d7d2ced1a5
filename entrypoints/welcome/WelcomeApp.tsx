import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '../../components/i18n';
import type { Shortcut } from '../../components/ShortcutsView';
import { Welcome, type SampleState } from '../../components/Welcome';
import { importFiles } from '../../lib/corpus/import-files';
import { toInterchange } from '../../lib/corpus/statement';
import type { RpcClient } from '../../lib/messaging/rpc';
import { errorMessage } from '../../lib/shared/error-message';

export interface WelcomeAppProps {
  call: RpcClient;
  t: Translate;
  shortcuts: () => Promise<Shortcut[]>;
  /** The bundled sample corpus (public/corpus/starter.jsonl). */
  sampleFile: () => Promise<File>;
  optionsUrl: string;
}

/** The welcome page's state: the shortcuts as the browser has them, and the sample import. */
export function WelcomeApp({ call, t, shortcuts, sampleFile, optionsUrl }: WelcomeAppProps) {
  const [commands, setCommands] = useState<Shortcut[] | null>(null);
  const [sample, setSample] = useState<SampleState>({ phase: 'idle' });
  useEffect(() => {
    void shortcuts().then(setCommands, () => setCommands([]));
  }, [shortcuts]);

  const loadSample = async () => {
    setSample({ phase: 'loading' });
    try {
      // The same import as the options page's: validated here, stored by the background in batches.
      const summary = await importFiles([await sampleFile()], {
        store: (file, records) => call('importBatch', { file, records: records.map(toInterchange) }),
      });
      if (summary.error) throw new Error(summary.error);
      setSample({ phase: 'done', imported: summary.imported + summary.duplicates });
    } catch (reason) {
      setSample({ phase: 'failed', error: errorMessage(reason) });
    }
  };

  return (
    <Welcome
      shortcuts={commands}
      sample={sample}
      onLoadSample={() => void loadSample()}
      feedsHref={`${optionsUrl}#feeds`}
      importHref={`${optionsUrl}#corpus`}
      t={t}
    />
  );
}
