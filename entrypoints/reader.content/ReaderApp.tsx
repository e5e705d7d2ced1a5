import type { Translate } from '../../components/i18n';
import { HintsBar } from '../../components/HintsBar';
import { PassageCard } from '../../components/PassageCard';
import { cardPosition, type CardBox } from '../../lib/reader/card-position';
import type { HintsController, HintsState } from '../../lib/reader/hints-controller';

export interface ReaderAppProps {
  state: HintsState;
  controller: HintsController;
  t: Translate;
}

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
          style={cardStyle(cardPosition(open.anchor, { width: window.innerWidth, height: window.innerHeight }))}
          onPointerEnter={() => controller.holdCard(true)}
          onPointerLeave={() => controller.holdCard(false)}
        >
          <PassageCard source={open.passage.source} passage={open.passage.passage} articleDate={state.articleDate} t={t} onClose={() => controller.close()} />
        </div>
      ) : null}
    </div>
  );
}

function cardStyle(box: CardBox): Record<string, string> {
  const style: Record<string, string> = { left: `${box.left}px`, width: `${box.width}px`, maxHeight: `${box.maxHeight}px` };
  if (box.top !== undefined) style.top = `${box.top}px`;
  if (box.bottom !== undefined) style.bottom = `${box.bottom}px`;
  return style;
}
