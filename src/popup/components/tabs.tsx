/** An accessible tab list (WAI-ARIA APG "tabs with automatic activation"): arrows/Home/End move, Tab enters the panel. */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface TabDef {
  id: string;
  label: string;
  /** Small count next to the label (e.g. unseen digest picks). */
  count?: number;
}

export function Tabs({ tabs, selected, onSelect, children }: { tabs: TabDef[]; selected: string; onSelect: (id: string) => void; children: ComponentChildren }) {
  const list = useRef<HTMLDivElement>(null);
  const move = (event: KeyboardEvent) => {
    const index = tabs.findIndex((t) => t.id === selected);
    const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const tab = tabs[(next + tabs.length) % tabs.length]!;
    onSelect(tab.id);
    list.current?.querySelector<HTMLElement>(`#tab-${tab.id}`)?.focus();
  };
  return (
    <>
      <div class="tabs" role="tablist" aria-label="Paper Pulse views" ref={list} onKeyDown={move}>
        {tabs.map((tab) => (
          <button key={tab.id} id={`tab-${tab.id}`} role="tab" type="button" aria-selected={tab.id === selected}
            aria-controls={`panel-${tab.id}`} tabIndex={tab.id === selected ? 0 : -1} onClick={() => onSelect(tab.id)}>
            {tab.label}{tab.count ? <span class="count" aria-label={`, ${tab.count} new`}>{tab.count}</span> : null}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${selected}`} aria-labelledby={`tab-${selected}`} tabIndex={0} class="panel">
        {children}
      </div>
    </>
  );
}
