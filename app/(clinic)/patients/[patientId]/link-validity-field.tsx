"use client";

import { FieldError, Input, Label } from "@/components/ui/input";
import { LINK_DAY_PRESETS, MAX_LINK_DAYS, MIN_LINK_DAYS } from "@/lib/schemas/patient-link";

export const CUSTOM = "custom";

const PRESET_HINTS: Record<number, string> = {
  30: "about a month",
  90: "about 3 months",
  180: "about 6 months",
  365: "a year",
};

/** The presets, plus the clinic's own default when it is not one of them. */
export function validityChoices(defaultDays: number): number[] {
  const days = new Set<number>([...LINK_DAY_PRESETS, defaultDays]);
  return [...days].sort((a, b) => a - b);
}

/** The chosen number of days; NaN when "another number" is chosen and the box is empty. */
export function chosenDays(choice: string, customDays: string): number {
  if (choice !== CUSTOM) return Number(choice);
  return customDays.trim() === "" ? Number.NaN : Number(customDays);
}

/** "Valid for" as a list of usual choices, or any whole number of days from 1 to 730. */
export function LinkValidityField({
  defaultDays,
  choice,
  customDays,
  error,
  disabled,
  onChoiceChange,
  onCustomDaysChange,
}: {
  defaultDays: number;
  choice: string;
  customDays: string;
  error: string | undefined;
  disabled: boolean;
  onChoiceChange: (value: string) => void;
  onCustomDaysChange: (value: string) => void;
}) {
  const errorId = "link-days-error";
  return (
    <div className="flex flex-wrap items-end gap-3">
      <div className="min-w-52 flex-1 sm:flex-none">
        <Label htmlFor="link-validity">Valid for</Label>
        <select
          id="link-validity"
          className="mt-1 min-h-11 w-full rounded-md border border-border bg-background px-3 text-base"
          value={choice}
          disabled={disabled}
          onChange={(e) => onChoiceChange(e.target.value)}
          aria-describedby={error && choice !== CUSTOM ? errorId : undefined}
        >
          {validityChoices(defaultDays).map((days) => (
            <option key={days} value={String(days)}>
              {days} days
              {PRESET_HINTS[days] ? ` (${PRESET_HINTS[days]})` : ""}
              {days === defaultDays ? " — usual" : ""}
            </option>
          ))}
          <option value={CUSTOM}>Another number of days…</option>
        </select>
      </div>
      {choice === CUSTOM ? (
        <div className="w-40">
          <Label htmlFor="link-days">Days (1–730)</Label>
          <Input
            id="link-days"
            className="mt-1"
            type="number"
            inputMode="numeric"
            min={MIN_LINK_DAYS}
            max={MAX_LINK_DAYS}
            step={1}
            value={customDays}
            disabled={disabled}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => onCustomDaysChange(e.target.value)}
          />
        </div>
      ) : null}
      <div className="basis-full empty:hidden">
        <FieldError id={errorId} message={error} />
      </div>
    </div>
  );
}
