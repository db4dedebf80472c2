"use client";

import type { DragEvent } from "react";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import { BAND_COLOURS } from "@/db/schema/enums";
import { SIDEDNESS_LABELS } from "@/lib/labels";
import { allowedSides, describeDose, sideWords } from "@/server/domain/dosage";
import { Badge } from "@/components/ui/badge";
import type { DraftItem, ItemErrors } from "./draft";
import { previewDose, sideErrors, validateItem } from "./draft";

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

const selectClass =
  "mt-1 min-h-11 w-full rounded-md border border-border bg-background px-2 text-base";

interface Props {
  item: DraftItem;
  index: number;
  count: number;
  showErrors: boolean;
  onChange: (item: DraftItem) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
  onDragStart: (event: DragEvent) => void;
  onDrop: (event: DragEvent) => void;
}

/** One prescribed exercise: its dose fields, a plain-words preview, and ways to move or remove it. */
export function ItemEditor({
  item,
  index,
  count,
  showErrors,
  onChange,
  onMove,
  onRemove,
  onDragStart,
  onDrop,
}: Props) {
  const { errors } = validateItem(item);
  const preview = previewDose(item);
  // A side or note that contradicts the exercise shows at once: it is not a half-typed field.
  const shown: ItemErrors = showErrors ? errors : sideErrors(item);
  const together = item.sidedness === "together";
  const id = (field: string) => `item-${item.key}-${field}`;
  const set = <K extends keyof DraftItem>(field: K, value: DraftItem[K]) =>
    onChange({ ...item, [field]: value });
  const numberField = (field: keyof DraftItem, label: string) => (
    <div>
      <Label htmlFor={id(field)}>{label}</Label>
      <Input
        id={id(field)}
        inputMode="numeric"
        value={item[field] as string}
        onChange={(e) => set(field, e.target.value as never)}
        aria-invalid={shown[field] ? true : undefined}
        aria-describedby={shown[field] ? `${id(field)}-error` : undefined}
        className="mt-1"
      />
      <FieldError id={`${id(field)}-error`} message={shown[field]} />
    </div>
  );

  return (
    <li
      className="rounded-lg border border-border bg-background p-4"
      aria-labelledby={id("name")}
      onDragOver={(e) => e.preventDefault()}
      onDrop={onDrop}
    >
      <div className="flex flex-wrap items-start gap-2">
        <span
          draggable
          onDragStart={onDragStart}
          className="cursor-grab rounded border border-border px-2 py-1 text-sm text-muted-foreground select-none"
          title="Drag to reorder"
          aria-hidden="true"
        >
          ⠿ {index + 1}
        </span>
        <h3 id={id("name")} className="min-w-[12rem] flex-1 font-semibold">
          <span className="sr-only">Exercise {index + 1}: </span>
          {item.name}
          {item.archived ? (
            <Badge tone="warning" className="ml-2">
              Archived
            </Badge>
          ) : null}
        </h3>
        <div className="flex flex-wrap gap-1">
          <Button
            type="button"
            size="sm"
            variant="secondary"
            disabled={index === 0}
            onClick={() => onMove(index - 1)}
            aria-label={`Move ${item.name} up`}
          >
            Up
          </Button>
          <Button
            type="button"
            size="sm"
            variant="secondary"
            disabled={index === count - 1}
            onClick={() => onMove(index + 1)}
            aria-label={`Move ${item.name} down`}
          >
            Down
          </Button>
          <Button
            type="button"
            size="sm"
            variant="ghost"
            onClick={onRemove}
            aria-label={`Remove ${item.name}`}
          >
            Remove
          </Button>
        </div>
      </div>
      <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4">
        {numberField("sets", "Sets")}
        {numberField("reps", "Reps")}
        {numberField("holdSeconds", "Hold (s)")}
        {numberField("restSeconds", "Rest (s)")}
        {numberField("durationSeconds", "Duration (s)")}
        {numberField("sessionsPerDay", "Sessions a day")}
        {numberField("daysPerWeek", "Days a week")}
        {/* Two columns wide, so "Both legs together" and its reason are never cut off. */}
        <div className="col-span-2">
          <Label htmlFor={id("side")}>Side</Label>
          <select
            id={id("side")}
            className={selectClass}
            value={item.side}
            disabled={together}
            onChange={(e) => set("side", e.target.value as DraftItem["side"])}
            aria-invalid={shown.side ? true : undefined}
            aria-describedby={[id("side-hint"), shown.side ? id("side-error") : null]
              .filter(Boolean)
              .join(" ")}
          >
            {allowedSides(item.sidedness).map((s) => (
              <option key={s} value={s}>
                {capitalise(sideWords(s, item.sidedness))}
              </option>
            ))}
          </select>
          <p id={id("side-hint")} className="mt-1 text-sm text-muted-foreground">
            {together
              ? "Done with both legs at once, so it cannot be set to one leg."
              : `How it is done: ${SIDEDNESS_LABELS[item.sidedness].toLowerCase()}.`}
          </p>
          <FieldError id={id("side-error")} message={shown.side} />
        </div>
        <div>
          <Label htmlFor={id("load")}>Load</Label>
          <select
            id={id("load")}
            className={selectClass}
            value={item.load}
            onChange={(e) => set("load", e.target.value as DraftItem["load"])}
          >
            <option value="none">None</option>
            <option value="kg">Weight (kg)</option>
            <option value="band">Resistance band</option>
          </select>
        </div>
        {item.load === "kg" ? numberField("loadKg", "Kilograms") : null}
        {item.load === "band" ? (
          <div>
            <Label htmlFor={id("bandColour")}>Band colour</Label>
            <select
              id={id("bandColour")}
              className={selectClass}
              value={item.bandColour}
              onChange={(e) => set("bandColour", e.target.value as DraftItem["bandColour"])}
            >
              {BAND_COLOURS.map((c) => (
                <option key={c} value={c}>
                  {c.charAt(0).toUpperCase() + c.slice(1)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="col-span-2 sm:col-span-4">
          <Label htmlFor={id("notes")}>Note for the patient</Label>
          <Input
            id={id("notes")}
            value={item.notes}
            maxLength={500}
            onChange={(e) => set("notes", e.target.value)}
            aria-invalid={shown.notes ? true : undefined}
            aria-describedby={shown.notes ? `${id("notes")}-error` : undefined}
            className="mt-1"
          />
          <FieldError id={`${id("notes")}-error`} message={shown.notes} />
        </div>
      </div>
      <p className="mt-3 rounded-md bg-primary-soft p-2 text-sm" aria-live="polite">
        <span className="font-medium">The patient reads: </span>
        {preview
          ? `“${describeDose(preview, item.sidedness)}”`
          : "fix the dose above to see it in plain words."}
      </p>
    </li>
  );
}
