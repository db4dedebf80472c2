"use client";

import { FigureAnimation } from "@/components/figure/figure-animation";
import { FigureThumbnail } from "@/components/figure/figure-thumbnail";
import { FieldError } from "@/components/ui/input";
import {
  WORKING_LABELS,
  workingOptions,
  type FigureChoice,
  type FigureOption,
} from "./figure-choice";

const card =
  "flex min-h-11 cursor-pointer items-start gap-2 rounded-md border border-border p-2 has-[:checked]:border-primary has-[:checked]:bg-primary-soft has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-ring";

const VIEW_WORDS = { side: "Seen from the side.", front: "Seen from the front." } as const;

/**
 * "Illustration": no drawing, or a drawn figure made from a ready-made movement, with which legs
 * do the work and a live preview. Radio groups throughout, so arrow keys move between choices.
 * Drawn here, in the browser: the model is in the form's bundle already (the input schema runs
 * its checks), and only the chosen movement is animated. A one-leg preview highlights the right
 * leg, as for a patient whose right knee is affected.
 */
export function FigureFieldset({
  value,
  options,
  error,
  onChange,
}: {
  value: FigureChoice;
  options: FigureOption[];
  error: string | undefined;
  onChange: (next: FigureChoice) => void;
}) {
  const chosen = options.find((o) => o.id === value.presetId);
  const legs = chosen ? workingOptions(chosen.figure) : [];
  const working = chosen
    ? value.working && legs.includes(value.working)
      ? value.working
      : chosen.figure.working
    : null;

  return (
    <fieldset
      className="space-y-4"
      aria-describedby={
        ["exercise-figure-hint", error ? "exercise-figure-error" : null]
          .filter(Boolean)
          .join(" ") || undefined
      }
    >
      <legend className="mb-2 text-lg font-semibold">Illustration</legend>
      <p id="exercise-figure-hint" className="text-sm text-muted-foreground">
        A drawn figure shows the movement on the patient&apos;s card, on the printed handout and in
        the library. Photos can be added on the exercise&apos;s page once it is saved; patients see
        both.
      </p>
      <div className="grid gap-2 sm:grid-cols-2">
        <label className={card}>
          <input
            type="radio"
            name="figure-mode"
            className="mt-1 size-5 shrink-0"
            checked={value.mode === "none"}
            onChange={() => onChange({ ...value, mode: "none" })}
          />
          <span className="font-medium">No drawing</span>
        </label>
        <label className={card}>
          <input
            type="radio"
            name="figure-mode"
            className="mt-1 size-5 shrink-0"
            checked={value.mode === "drawn"}
            onChange={() => onChange({ ...value, mode: "drawn" })}
          />
          <span className="font-medium">Drawn figure</span>
        </label>
      </div>

      {value.mode === "drawn" ? (
        options.length === 0 ? (
          <p className="rounded-md border border-border bg-muted p-3">
            No ready-made movements yet. Choose &ldquo;No drawing&rdquo; for now and add photos
            after saving.
          </p>
        ) : (
          <div className="grid gap-4 sm:grid-cols-[1fr_13rem]">
            <fieldset>
              <legend className="text-sm font-medium">Movement</legend>
              <div className="mt-1 grid grid-cols-2 gap-2 md:grid-cols-3">
                {options.map((option) => (
                  <label key={option.id} className={`${card} flex-col items-stretch`}>
                    <span className="flex items-start gap-2">
                      <input
                        type="radio"
                        name="figure-preset"
                        value={option.id}
                        className="mt-0.5 size-5 shrink-0"
                        checked={value.presetId === option.id}
                        onChange={() =>
                          onChange({ mode: "drawn", presetId: option.id, working: "" })
                        }
                      />
                      <span className="text-sm font-medium">{option.label}</span>
                    </span>
                    {/* The label above names the movement; the picture adds nothing to hear. */}
                    <span aria-hidden="true" className="block">
                      <FigureThumbnail
                        figure={option.figure}
                        label={option.label}
                        className="mx-auto w-full max-w-32"
                      />
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="space-y-3">
              {chosen && legs.length > 1 ? (
                <fieldset>
                  <legend className="text-sm font-medium">Which legs work</legend>
                  <div className="mt-1 space-y-2">
                    {legs.map((leg) => (
                      <label key={leg} className={card}>
                        <input
                          type="radio"
                          name="figure-working"
                          value={leg}
                          className="mt-1 size-5 shrink-0"
                          checked={working === leg}
                          onChange={() => onChange({ ...value, working: leg })}
                        />
                        <span className="text-sm">{WORKING_LABELS[leg]}</span>
                      </label>
                    ))}
                  </div>
                </fieldset>
              ) : null}
              <div aria-live="polite">
                <p className="text-sm font-medium">Preview</p>
                {chosen ? (
                  <figure className="mt-1 rounded-md border border-border bg-background p-2">
                    <FigureAnimation
                      figure={{ ...chosen.figure, working: working ?? chosen.figure.working }}
                      label={`Preview: ${chosen.label}`}
                      side={working === "both" ? "both" : working === "none" ? null : "right"}
                      className="w-full"
                    />
                    <figcaption className="mt-1 text-sm text-muted-foreground">
                      {chosen.label}. {VIEW_WORDS[chosen.figure.view]}
                    </figcaption>
                  </figure>
                ) : (
                  <p className="mt-1 text-sm text-muted-foreground">Choose a movement to see it.</p>
                )}
              </div>
            </div>
          </div>
        )
      ) : null}
      <FieldError id="exercise-figure-error" message={error} />
    </fieldset>
  );
}
