"use client";

import { useRouter } from "next/navigation";
import {
  useEffect,
  useOptimistic,
  useRef,
  useTransition,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from "react";
import { cn } from "@/lib/utils";
import type { SectionId } from "./sections";

export interface SectionTab {
  id: SectionId;
  label: string;
  href: string;
}

const tabId = (id: SectionId) => `section-tab-${id}`;
const panelId = (id: SectionId) => `section-panel-${id}`;

/**
 * The record's sections as tabs (WAI-ARIA tabs, manual activation). Each tab is a link to its
 * section's address, and the server renders only the chosen section (`children`), so choosing a
 * tab is a navigation: arrow keys, Home and End move between tabs without loading anything;
 * Enter, Space or a click opens one. The tab shows as chosen at once and its panel says it is
 * loading until the server's answer arrives. Without JavaScript the links still work.
 */
export function SectionTabs({
  tabs,
  active,
  label,
  children,
}: {
  tabs: readonly SectionTab[];
  active: SectionId;
  label: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [shown, setShown] = useOptimistic(active);
  const tabRefs = useRef(new Map<SectionId, HTMLAnchorElement>());

  // A link elsewhere on the page (the summary's "New link") may name a field in the section it
  // opens: once that section is here, put the focus there, as a keyboard user asked for it.
  useEffect(() => {
    const target = decodeURIComponent(window.location.hash.slice(1));
    if (!target) return;
    const field = document.getElementById(target);
    if (field && document.getElementById(panelId(active))?.contains(field)) field.focus();
  }, [active]);

  function open(tab: SectionTab) {
    if (tab.id === shown && !pending) return;
    startTransition(() => {
      setShown(tab.id);
      router.push(tab.href, { scroll: false });
    });
  }

  function onClick(event: MouseEvent<HTMLAnchorElement>, tab: SectionTab) {
    // A new tab or window: leave it to the browser.
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0)
      return;
    event.preventDefault();
    open(tab);
  }

  function onKeyDown(event: KeyboardEvent<HTMLAnchorElement>, index: number) {
    const last = tabs.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    if (event.key === " ") {
      event.preventDefault();
      open(tabs[index]!);
      return;
    }
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    tabRefs.current.get(tabs[next]!.id)?.focus();
  }

  return (
    <div>
      <div
        role="tablist"
        aria-label={label}
        // The tabs wrap onto a second row on a phone rather than scroll: none hides off-screen.
        className="flex flex-wrap gap-x-1 border-b border-border"
      >
        {tabs.map((tab, index) => {
          const selected = tab.id === shown;
          return (
            <a
              key={tab.id}
              ref={(node) => {
                if (node) tabRefs.current.set(tab.id, node);
                else tabRefs.current.delete(tab.id);
              }}
              role="tab"
              id={tabId(tab.id)}
              href={tab.href}
              aria-selected={selected}
              aria-controls={panelId(tab.id)}
              tabIndex={selected ? 0 : -1}
              onClick={(event) => onClick(event, tab)}
              onKeyDown={(event) => onKeyDown(event, index)}
              className={cn(
                "-mb-px shrink-0 rounded-t-md border border-transparent px-2.5 py-2.5 text-sm whitespace-nowrap text-foreground no-underline sm:px-4 sm:text-base",
                "hover:bg-muted focus-visible:outline-2 focus-visible:outline-offset-[-2px] focus-visible:outline-primary",
                // Chosen: a border on three sides joining the panel, bold text and a thick top
                // edge, so the choice never rests on colour alone.
                selected &&
                  "border-border border-t-4 border-t-primary border-b-background bg-background font-semibold",
              )}
            >
              {tab.label}
            </a>
          );
        })}
      </div>
      {tabs.map((tab) => {
        const selected = tab.id === shown;
        return (
          <div
            key={tab.id}
            role="tabpanel"
            id={panelId(tab.id)}
            aria-labelledby={tabId(tab.id)}
            aria-busy={selected && pending ? true : undefined}
            hidden={!selected}
            tabIndex={0}
            className="pt-4 focus-visible:outline-2 focus-visible:outline-offset-4 focus-visible:outline-primary"
          >
            {!selected ? null : tab.id === active ? (
              children
            ) : (
              <p role="status" className="py-8 text-muted-foreground">
                Loading {tab.label.toLowerCase()}…
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
