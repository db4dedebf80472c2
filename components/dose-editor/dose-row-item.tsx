"use client";

import { ArrowDown, ArrowUp, ChevronDown, ChevronRight, Trash2 } from "lucide-react";
import type { KeyboardEvent, ReactNode } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { BAND_COLOURS } from "@/db/schema/enums";
import { DOSE_LIMITS } from "@/lib/schemas/dose";
import { SIDEDNESS_LABELS } from "@/lib/labels";
import { sideWords } from "@/server/domain/dosage";
import { ExerciseThumb } from "./exercise-search";
import { Select } from "./fields";
import {
  fieldsToFix,
  rowWords,
  sideChoices,
  type DoseContext,
  type DoseRow,
  type RowErrors,
  type RowField,
} from "./dose-row";

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The element id of a row's control: the editor moves focus to them by id. */
export const rowControlId = (key: string, part: string) => `dose-${key}-${part}`;

interface Props {
  row: DoseRow;
  index: number;
  count: number;
  context: DoseContext;
  expanded: boolean;
  /** The errors to show now; `hasErrors` says whether the row can be saved as it is. */
  errors: RowErrors;
  hasErrors: boolean;
  onToggle: () => void;
  onChange: (row: DoseRow) => void;
  onTouch: (field: RowField) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/**
 * One exercise: a compact line (number, drawing, name, the dose in the patient's words) that opens
 * to every dose field. Alt+Up and Alt+Down on the line move it; so do its Up and Down buttons.
 */
export function DoseRowItem({
  row,
  index,
  count,
  context,
  expanded,
  errors,
  hasErrors,
  onToggle,
  onChange,
  onTouch,
  onMove,
  onRemove,
}: Props) {
  const id = (part: string) => rowControlId(row.key, part);
  const name = row.exercise.name;
  const words = rowWords(row);
  const together = row.exercise.sidedness === "together";
  const set = <K extends keyof DoseRow>(field: K, value: DoseRow[K]) =>
    onChange({ ...row, [field]: value });

  function onLineKey(event: KeyboardEvent) {
    if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    onMove(event.key === "ArrowUp" ? index - 1 : index + 1);
  }

  const described = (field: RowField, hint?: string) =>
    [hint, errors[field] ? id(`${field}-error`) : null].filter(Boolean).join(" ") || undefined;

  const numberField = (
    field: "sets" | "reps" | "holdSeconds" | "restSeconds" | "sessionsPerDay" | "daysPerWeek",
    label: string,
  ) => (
    <div>
      <Label htmlFor={id(field)}>{label}</Label>
      <Input
        id={id(field)}
        inputMode="numeric"
        value={row[field]}
        onChange={(e) => set(field, e.target.value)}
        onBlur={() => onTouch(field)}
        aria-invalid={errors[field] ? true : undefined}
        aria-describedby={described(field)}
        className="mt-1"
      />
      <FieldError id={id(`${field}-error`)} message={errors[field]} />
    </div>
  );

  return (
    <li
      className={`rounded-lg border bg-background ${hasErrors && !expanded ? "border-danger/60" : "border-border"}`}
      aria-labelledby={id("name")}
    >
      {/* On a phone the buttons take a line of their own, so the name keeps the width. */}
      <div className="flex flex-wrap items-start gap-x-2 gap-y-1 p-2 sm:flex-nowrap sm:items-center sm:p-3">
        <ExerciseThumb name={name} figure={row.exercise.figure} size="sm" />
        <div className="min-w-0 flex-1">
          <h3 id={id("name")} className="font-semibold">
            <button
              id={id("toggle")}
              type="button"
              className="flex w-full items-start gap-1 rounded-sm text-left"
              aria-expanded={expanded}
              aria-controls={id("panel")}
              aria-keyshortcuts="Alt+ArrowUp Alt+ArrowDown"
              onClick={onToggle}
              onKeyDown={onLineKey}
            >
              {expanded ? (
                <ChevronDown aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              ) : (
                <ChevronRight aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
              )}
              <span>
                <span className="text-muted-foreground">{index + 1}.</span> {name}
              </span>
            </button>
          </h3>
          <p className="mt-0.5 pl-5 text-sm">
            {hasErrors ? (
              <span className="text-danger">
                <span className="font-medium">To fix:</span> {fieldsToFix(errors) || "the dose"}
              </span>
            ) : (
              <span className="text-muted-foreground">{words ? capitalise(words) : ""}</span>
            )}
            {row.exercise.archived ? (
              <Badge tone="warning" className="ml-2">
                Archived
              </Badge>
            ) : null}
          </p>
        </div>
        <div className="flex w-full shrink-0 justify-end gap-1 sm:w-auto">
          <Button
            id={id("up")}
            type="button"
            size="sm"
            variant="secondary"
            className="px-2"
            disabled={index === 0}
            onClick={() => onMove(index - 1)}
          >
            <ArrowUp aria-hidden="true" className="size-4" />
            <span className="sr-only">Move {name} up</span>
          </Button>
          <Button
            id={id("down")}
            type="button"
            size="sm"
            variant="secondary"
            className="px-2"
            disabled={index === count - 1}
            onClick={() => onMove(index + 1)}
          >
            <ArrowDown aria-hidden="true" className="size-4" />
            <span className="sr-only">Move {name} down</span>
          </Button>
          <Button
            id={id("remove")}
            type="button"
            size="sm"
            variant="ghost"
            className="px-2"
            onClick={onRemove}
          >
            <Trash2 aria-hidden="true" className="size-4" />
            <span className="sr-only">Remove {name}</span>
          </Button>
        </div>
      </div>

      {expanded ? (
        <div id={id("panel")} className="border-t border-border p-3 sm:p-4">
          {row.exercise.archived ? (
            <p className="mb-3 text-sm text-warning">
              This exercise has been archived in the library. It can stay, but consider replacing
              it.
            </p>
          ) : null}
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {numberField("sets", "Sets")}
            {numberField("reps", "Reps")}
            {numberField("holdSeconds", "Hold (seconds)")}
            {numberField("restSeconds", "Rest (seconds)")}
            <fieldset
              className="col-span-2"
              aria-describedby={described("duration", id("duration-hint"))}
            >
              <legend className="text-sm font-medium">Duration</legend>
              <div className="mt-1 flex items-center gap-2">
                <Input
                  id={id("durationMinutes")}
                  inputMode="numeric"
                  value={row.durationMinutes}
                  onChange={(e) => set("durationMinutes", e.target.value)}
                  onBlur={() => onTouch("duration")}
                  aria-invalid={errors.duration ? true : undefined}
                  aria-describedby={described("duration")}
                  className="w-20"
                />
                <Label htmlFor={id("durationMinutes")} className="font-normal">
                  min<span className="sr-only">utes</span>
                </Label>
                <Input
                  id={id("durationSeconds")}
                  inputMode="numeric"
                  value={row.durationSeconds}
                  onChange={(e) => set("durationSeconds", e.target.value)}
                  onBlur={() => onTouch("duration")}
                  aria-invalid={errors.duration ? true : undefined}
                  aria-describedby={described("duration")}
                  className="w-20"
                />
                <Label htmlFor={id("durationSeconds")} className="font-normal">
                  s<span className="sr-only">econds</span>
                </Label>
              </div>
              <p id={id("duration-hint")} className="mt-1 text-sm text-muted-foreground">
                Empty when it does not apply; at most {DOSE_LIMITS.durationSeconds.max / 60}{" "}
                minutes.
              </p>
              <FieldError id={id("duration-error")} message={errors.duration} />
            </fieldset>
            {numberField("sessionsPerDay", "Sessions a day")}
            {numberField("daysPerWeek", "Days a week")}
            <div className="col-span-2">
              <Label htmlFor={id("side")}>Side</Label>
              <Select
                id={id("side")}
                className="mt-1"
                value={row.side}
                disabled={together}
                onChange={(e) => set("side", e.target.value as DoseRow["side"])}
                aria-invalid={errors.side ? true : undefined}
                aria-describedby={described("side", id("side-hint"))}
              >
                {sideChoices(row, context).map((s) => (
                  <option key={s} value={s}>
                    {capitalise(sideWords(s, row.exercise.sidedness))}
                  </option>
                ))}
              </Select>
              <p id={id("side-hint")} className="mt-1 text-sm text-muted-foreground">
                {together
                  ? "Done with both legs at once, so it cannot be set to one leg."
                  : `How it is done: ${SIDEDNESS_LABELS[row.exercise.sidedness].toLowerCase()}.`}
              </p>
              <FieldError id={id("side-error")} message={errors.side} />
            </div>
            <div className="col-span-2 grid grid-cols-2 gap-3">
              <div>
                <Label htmlFor={id("load")}>Load</Label>
                <Select
                  id={id("load")}
                  className="mt-1"
                  value={row.load}
                  onChange={(e) => set("load", e.target.value as DoseRow["load"])}
                >
                  <option value="none">None</option>
                  <option value="kg">Weight (kg)</option>
                  <option value="band">Resistance band</option>
                </Select>
              </div>
              {row.load === "kg" ? (
                <div>
                  <Label htmlFor={id("loadKg")}>Kilograms</Label>
                  <Input
                    id={id("loadKg")}
                    inputMode="decimal"
                    value={row.loadKg}
                    onChange={(e) => set("loadKg", e.target.value)}
                    onBlur={() => onTouch("loadKg")}
                    aria-invalid={errors.loadKg ? true : undefined}
                    aria-describedby={described("loadKg")}
                    className="mt-1"
                  />
                  <FieldError id={id("loadKg-error")} message={errors.loadKg} />
                </div>
              ) : null}
              {row.load === "band" ? (
                <div>
                  <Label htmlFor={id("bandColour")}>Band colour</Label>
                  <Select
                    id={id("bandColour")}
                    className="mt-1"
                    value={row.bandColour}
                    onChange={(e) => set("bandColour", e.target.value as DoseRow["bandColour"])}
                  >
                    {BAND_COLOURS.map((c) => (
                      <option key={c} value={c}>
                        {capitalise(c)}
                      </option>
                    ))}
                  </Select>
                </div>
              ) : null}
            </div>
            <div className="col-span-2 sm:col-span-4">
              <Label htmlFor={id("notes")}>Note for the patient (optional)</Label>
              <Input
                id={id("notes")}
                value={row.notes}
                onChange={(e) => set("notes", e.target.value)}
                onBlur={() => onTouch("notes")}
                aria-invalid={errors.notes ? true : undefined}
                aria-describedby={described("notes")}
                className="mt-1"
              />
              <FieldError id={id("notes-error")} message={errors.notes} />
            </div>
          </div>
          <Preview context={context}>
            {words ? `“${words}”` : "fix the dose above to see it in plain words."}
          </Preview>
        </div>
      ) : null}
    </li>
  );
}

function Preview({ context, children }: { context: DoseContext; children: ReactNode }) {
  return (
    <p className="mt-3 rounded-md bg-primary-soft p-2 text-sm">
      <span className="font-medium">
        {context.kind === "program" ? "The patient reads: " : "A patient will read: "}
      </span>
      {children}
    </p>
  );
}
