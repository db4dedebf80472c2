"use client";

import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { Button } from "@/components/ui/button";
import { FieldError } from "@/components/ui/input";
import type { DoseItem } from "@/lib/schemas/dose";
import { DoseRowItem, rowControlId } from "./dose-row-item";
import {
  doseRow,
  moveRow,
  sideErrors,
  validateRow,
  type DoseContext,
  type DoseRow,
  type RowErrors,
  type RowField,
} from "./dose-row";
import { ExerciseSearch, type FoundExercise } from "./exercise-search";

export interface DoseEditorProps {
  context: DoseContext;
  /** The form's accessible name, e.g. "Program for Rita Runner". */
  label: string;
  rows: DoseRow[];
  onRowsChange: (rows: DoseRow[]) => void;
  /**
   * Called on Save with every row's checked dose, or null when a row has something to fix. Answers
   * whether it went ahead: when not, the first field to fix takes focus.
   */
  onSave: (items: DoseItem[] | null) => boolean;
  /** Above the exercises (template details, "start from a template"). */
  header?: ReactNode;
  /** Below the exercises (pain limit, reason, note). */
  footer?: ReactNode;
  /** Shown under the list heading, e.g. "Add at least one exercise." after a save was tried. */
  listError?: string | undefined;
  /** Unsaved changes, the rows' and the wrapper's own fields'. */
  changes: number;
  saveLabel: string;
  pending: boolean;
  saveDisabled?: boolean;
  /** A sentence the save bar announces politely, e.g. "No changes to save". */
  barStatus?: string | null;
  /** What stopped the save, shown in the bar (the wrapper gives it role="alert"). */
  barAlert?: ReactNode;
  /** Beside Save, e.g. a Cancel link. */
  barExtra?: ReactNode;
}

/**
 * The one dose editor: the program builder and the template editor are this component with
 * different fields around it. Rows are compact and open to the full dose; the library search sits
 * beside them; a bar stuck to the bottom of the window keeps Save and the count of unsaved changes
 * in reach however long the list.
 */
export function DoseEditor({
  context,
  label,
  rows,
  onRowsChange,
  onSave,
  header,
  footer,
  listError,
  changes,
  saveLabel,
  pending,
  saveDisabled,
  barStatus,
  barAlert,
  barExtra,
}: DoseEditorProps) {
  const formRef = useRef<HTMLFormElement>(null);
  const added = useRef(0);
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [focusId, setFocusId] = useState<{ id: string } | null>(null);
  const [focusInvalid, setFocusInvalid] = useState(0);

  useEffect(() => {
    if (focusId) document.getElementById(focusId.id)?.focus();
  }, [focusId]);
  useEffect(() => {
    // A field that takes focus near the bottom of the window scrolls clear of the save bar.
    const root = document.documentElement;
    const before = root.style.scrollPaddingBottom;
    root.style.scrollPaddingBottom = "8rem";
    return () => {
      root.style.scrollPaddingBottom = before;
    };
  }, []);
  useEffect(() => {
    if (focusInvalid === 0) return;
    const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    (first ?? document.getElementById("picker-search"))?.focus();
  }, [focusInvalid]);

  const checked = rows.map((row) => validateRow(row));

  /** A field's error shows once it was left, or after a save was tried; side errors at once. */
  function shownErrors(row: DoseRow, errors: RowErrors): RowErrors {
    if (attempted) return errors;
    const shown: RowErrors = sideErrors(row);
    for (const [field, message] of Object.entries(errors) as [RowField, string][]) {
      if (touched.has(`${row.key}:${field}`)) shown[field] = message;
    }
    return shown;
  }

  function toggle(key: string) {
    setExpanded((open) => {
      const next = new Set(open);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      return next;
    });
  }

  function move(from: number, to: number) {
    const row = rows[from];
    if (!row || to < 0 || to >= rows.length) return;
    onRowsChange(moveRow(rows, from, to));
    setAnnouncement(`${row.exercise.name} moved to position ${to + 1} of ${rows.length}.`);
    // The line keeps focus as it moves, so Alt+Arrow can be pressed again; a button that is now
    // disabled (first or last place) hands focus to the line.
    const active = document.activeElement?.id ?? "";
    const onButton =
      active === rowControlId(row.key, "up") || active === rowControlId(row.key, "down");
    const stillEnabled = to > from ? to < rows.length - 1 : to > 0;
    const target = onButton && stillEnabled ? active : rowControlId(row.key, "toggle");
    setFocusId({ id: target });
  }

  function remove(index: number) {
    const row = rows[index];
    if (!row) return;
    const next = rows.filter((_, i) => i !== index);
    onRowsChange(next);
    setAnnouncement(`${row.exercise.name} removed.`);
    const neighbour = next[Math.min(index, next.length - 1)];
    setFocusId({ id: neighbour ? rowControlId(neighbour.key, "toggle") : "picker-search" });
  }

  function add(exercise: FoundExercise) {
    added.current += 1;
    const key = `new${added.current}`;
    const row = doseRow(
      key,
      {
        id: exercise.id,
        name: exercise.name,
        sidedness: exercise.sidedness,
        archived: false,
        figure: exercise.figure,
      },
      exercise.defaults,
      context,
    );
    onRowsChange([...rows, row]);
    // A new exercise opens at once: its dose is the library's default, to be adjusted.
    setExpanded((open) => new Set(open).add(key));
    setAnnouncement(`${exercise.name} added as exercise ${rows.length + 1} of ${rows.length + 1}.`);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setAttempted(true);
    const invalid = rows.filter((_, i) => !checked[i]!.item);
    if (invalid.length > 0) {
      // Every row with something to fix opens, so each error shows beside its field.
      setExpanded((open) => new Set([...open, ...invalid.map((r) => r.key)]));
    }
    const items = invalid.length === 0 ? checked.map((c) => c.item!) : null;
    if (!onSave(items)) setFocusInvalid((n) => n + 1);
  }

  const count = rows.length;
  return (
    <form
      ref={formRef}
      method="post"
      onSubmit={onSubmit}
      noValidate
      aria-label={label}
      aria-busy={pending}
    >
      <p className="sr-only" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        {header ? <div className="space-y-4 lg:col-start-1">{header}</div> : null}
        <section aria-labelledby="items-heading" className="lg:col-start-1">
          <h2 id="items-heading" className="text-lg font-semibold">
            Exercises ({count})
          </h2>
          <p id="items-hint" className="text-sm text-muted-foreground">
            Open an exercise to change its dose. Reorder with the arrow buttons, or with Alt+Up and
            Alt+Down on an exercise&apos;s name.
          </p>
          <FieldError id="items-error" message={listError} />
          {count === 0 ? (
            <p className="mt-2 rounded-lg border border-dashed border-border bg-background p-6 text-center text-muted-foreground">
              No exercises yet: add them from the library
              {context.kind === "program" ? " or start from a template" : ""}.
            </p>
          ) : (
            <ol className="mt-2 space-y-2" aria-describedby="items-hint">
              {rows.map((row, index) => {
                const { item, errors } = checked[index]!;
                return (
                  <DoseRowItem
                    key={row.key}
                    row={row}
                    index={index}
                    count={count}
                    context={context}
                    expanded={expanded.has(row.key)}
                    errors={shownErrors(row, errors)}
                    hasErrors={
                      item === null &&
                      (attempted || Object.keys(shownErrors(row, errors)).length > 0)
                    }
                    onToggle={() => toggle(row.key)}
                    onChange={(next) =>
                      onRowsChange(rows.map((r) => (r.key === row.key ? next : r)))
                    }
                    onTouch={(field) =>
                      setTouched((done) => new Set(done).add(`${row.key}:${field}`))
                    }
                    onMove={(to) => move(index, to)}
                    onRemove={() => remove(index)}
                  />
                );
              })}
            </ol>
          )}
        </section>
        <div className="lg:sticky lg:top-4 lg:col-start-2 lg:row-span-3 lg:row-start-1 lg:self-start">
          <ExerciseSearch onPick={add} invalid={Boolean(listError)} describedBy="items-error" />
        </div>
        {footer ? <div className="space-y-4 lg:col-start-1">{footer}</div> : null}
      </div>

      <div className="sticky bottom-0 z-20 mt-6 -mx-4 border-t border-border bg-background px-4 py-3 shadow-[0_-4px_12px_rgba(0,0,0,0.08)] sm:mx-0 sm:rounded-t-lg sm:border-x">
        <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
          <Button type="submit" disabled={pending || saveDisabled}>
            {pending ? "Saving…" : saveLabel}
          </Button>
          <p className="text-sm" data-testid="unsaved-count">
            {changes === 0
              ? "No unsaved changes"
              : `${changes} unsaved change${changes === 1 ? "" : "s"}`}
          </p>
          {barExtra}
          <p role="status" aria-live="polite" className="text-sm font-medium">
            {barStatus}
          </p>
        </div>
        {barAlert ? <div className="mt-2">{barAlert}</div> : null}
      </div>
    </form>
  );
}
