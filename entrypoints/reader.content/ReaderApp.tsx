import type { Translate } from '../../components/i18n';
import { HintsBar } from '../../components/HintsBar';
import { PassageCard } from '../../components/PassageCard';
import type { HintsController, HintsState } from '../../lib/reader/hints-controller';

export interface ReaderAppProps {
  state: HintsState;
  controller: HintsController;
  t: Translate;
}

/** Card width in px; the card is placed below the passage, or above when there is no room. */
const CARD_WIDTH = 380;

/** The in-page UI inside the shadow root: the passages bar and the open passage's card. */
export function ReaderApp({ state, controller, t }: ReaderAppProps) {
  if (state.phase !== 'done' || !state.visible || state.order.length === 0) return null;
  const sources = new Set(state.order.map((p) => p.source.statementId)).size;
  const open = state.open;
  const position = open ? state.order.findIndex((p) => p.key === open.passage.key) + 1 : 0;
  return (
    <div>
      <HintsBar
        passages={state.order.length}
        sources={sources}
        position={position}
        onPrevious={() => controller.step(-1)}
        onNext={() => controller.step(1)}
        onHide={() => controller.setVisible(false)}
        t={t}
      />
      {open ? (
        <div
          class="card-frame"
          role="dialog"
          aria-modal="false"
          aria-label={t('sourcesTitle')}
          style={cardPosition(open.anchor)}
          onPointerEnter={() => controller.holdCard(true)}
          onPointerLeave={() => controller.holdCard(false)}
        >
          <PassageCard
            source={open.passage.source}
            passage={open.passage.passage}
            articleDate={state.articleDate}
            t={t}
            onClose={() => controller.close()}
          />
        </div>
      ) : null}
    </div>
  );
}

function cardPosition(anchor: DOMRect): Record<string, string> {
  const width = Math.min(CARD_WIDTH, window.innerWidth - 16);
  const left = Math.max(8, Math.min(anchor.left, window.innerWidth - width - 8));
  const below = window.innerHeight - anchor.bottom;
  return below > 260 || below > anchor.top
    ? { left: `${left}px`, top: `${Math.max(8, anchor.bottom + 8)}px`, width: `${width}px`, maxHeight: `${Math.max(160, below - 24)}px` }
    : { left: `${left}px`, bottom: `${window.innerHeight - anchor.top + 8}px`, width: `${width}px`, maxHeight: `${Math.max(160, anchor.top - 24)}px` };
}
