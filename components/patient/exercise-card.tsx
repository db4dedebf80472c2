import type { ReactNode } from "react";
import { FigureAnimation } from "@/components/figure/figure-animation";
import type { ExerciseFigure } from "@/lib/figure/types";
import { ExerciseImage } from "./exercise-image";

interface PlanItem {
  exerciseId: string;
  media: { id: string; alt: string; width: number; height: number }[];
  /** The drawn movement, when the exercise has one (shown above any uploaded photos). */
  figure?: ExerciseFigure | null;
  /** Which leg the prescription names; the drawing highlights and names it. */
  side?: "left" | "right" | "both" | null;
  name: string;
  summary: string;
  steps: string[];
  whatToFeel: string;
  stopIf: string;
  cautions: string[];
  sessionText: string;
  frequencyText: string;
  notes: string | null;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * One exercise as the patient reads it: what to do, how often, how, and when to stop. `children`
 * (the patient's Done / Skip) follow the card's content; the staff preview passes none.
 */
export function ExerciseCard({
  item,
  number,
  children,
}: {
  item: PlanItem;
  number: number;
  children?: ReactNode;
}) {
  return (
    <article
      className="rounded-lg border border-border bg-background p-4 shadow-sm"
      aria-labelledby={`ex-${number}`}
    >
      <h3 id={`ex-${number}`} className="text-lg leading-snug font-semibold">
        <span className="sr-only">Exercise {number}: </span>
        {item.name}
      </h3>
      <p className="mt-1 text-muted-foreground">{item.summary}</p>
      {item.figure ? (
        <FigureAnimation
          figure={item.figure}
          label={`Drawing of ${item.name}, moving from the start position to the end and back`}
          side={item.side}
          className="mx-auto mt-3 max-w-sm"
        />
      ) : null}
      {item.media.length > 0 ? (
        <div className="mt-3 grid grid-cols-2 gap-2">
          {item.media.map((m) => (
            <ExerciseImage
              key={m.id}
              src={`/media/${item.exerciseId}/${m.id}`}
              alt={m.alt}
              width={m.width}
              height={m.height}
            />
          ))}
        </div>
      ) : null}
      <p className="mt-3 text-lg font-semibold">
        {capitalise(item.sessionText) || "As shown below"}
      </p>
      <p className="text-base">{item.frequencyText}</p>
      {item.notes ? (
        <p className="mt-2 rounded-md bg-primary-soft p-2">From your clinician: {item.notes}</p>
      ) : null}
      <details className="mt-3 rounded-md border border-border">
        <summary className="min-h-11 cursor-pointer px-3 py-2.5 font-medium">How to do it</summary>
        <ol className="list-decimal space-y-1 px-3 pb-3 pl-8">
          {item.steps.map((step) => (
            <li key={step}>{step}</li>
          ))}
        </ol>
        <p className="px-3 pb-3">
          <strong>What you should feel:</strong> {item.whatToFeel}
        </p>
        {item.cautions.length > 0 ? (
          <div className="px-3 pb-3">
            <strong>Take care:</strong>
            <ul className="list-disc pl-5">
              {item.cautions.map((caution) => (
                <li key={caution}>{caution}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </details>
      <p className="mt-3 rounded-md border border-danger/30 bg-danger-soft p-2 text-danger">
        <strong>Stop if</strong> {item.stopIf.charAt(0).toLowerCase() + item.stopIf.slice(1)}
      </p>
      {children}
    </article>
  );
}
