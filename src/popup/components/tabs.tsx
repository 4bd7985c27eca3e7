/** An accessible tab list (WAI-ARIA APG "tabs with automatic activation"): arrows/Home/End move, Tab enters the panel. */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface TabDef {
  id: string;
  label: string;
}

/** Arrow keys / Home / End move the selection and the focus along a tab list (shared by the views and sub-lists). */
export function useTabKeys<T extends string>(ids: readonly T[], selected: T, onSelect: (id: T) => void, domId: (id: T) => string) {
  const ref = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent) => {
    const index = ids.indexOf(selected);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: ids.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const id = ids[(next + ids.length) % ids.length]!;
    onSelect(id);
    ref.current?.querySelector<HTMLElement>(`#${domId(id)}`)?.focus();
  };
  return { ref, onKeyDown };
}

export function Tabs({ tabs, selected, onSelect, children }: { tabs: TabDef[]; selected: string; onSelect: (id: string) => void; children: ComponentChildren }) {
  const { ref: list, onKeyDown: move } = useTabKeys(tabs.map((t) => t.id), selected, onSelect, (id) => `tab-${id}`);
  return (
    <>
      <div class="tabs" role="tablist" aria-label="Paper Pulse views" ref={list} onKeyDown={move}>
        {tabs.map((tab) => (
          <button key={tab.id} id={`tab-${tab.id}`} role="tab" type="button" aria-selected={tab.id === selected}
            aria-controls={`panel-${tab.id}`} tabIndex={tab.id === selected ? 0 : -1} onClick={() => onSelect(tab.id)}>
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${selected}`} aria-labelledby={`tab-${selected}`} tabIndex={0} class="panel">
        {children}
      </div>
    </>
  );
}
