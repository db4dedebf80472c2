import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/root";
import { FigurePoses } from "@/components/figure/figure-poses";
import { ExerciseImage } from "@/components/patient/exercise-image";

type Handout = inferRouterOutputs<AppRouter>["handout"]["get"];
type Item = NonNullable<Handout["program"]>["items"][number];

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);

/**
 * One exercise on paper: kept on one page where it fits, and readable without colour. Its drawing
 * (start and end) stands beside the steps, above what to feel, so it costs little height.
 */
export function HandoutExercise({ item, number }: { item: Item; number: number }) {
  const headingId = `handout-ex-${number}`;
  return (
    <article aria-labelledby={headingId} className="handout-exercise border-t border-border pt-4">
      <h3 id={headingId} className="text-lg leading-snug font-semibold">
        {number}. {item.name}
      </h3>
      <p className="text-muted-foreground">{item.summary}</p>
      {item.media.length > 0 ? (
        <div className="mt-2 grid grid-cols-2 gap-2 sm:grid-cols-3">
          {item.media.map((m) => (
            <ExerciseImage
              key={m.id}
              src={`/media/${item.exerciseId}/${m.id}`}
              alt={m.alt}
              width={m.width}
              height={m.height}
              loading="eager"
              className="handout-picture max-h-[5cm] rounded bg-transparent"
            />
          ))}
        </div>
      ) : null}
      <p className="mt-2">
        <strong>How much:</strong> {item.doseText}.
      </p>
      {item.notes ? (
        <p className="mt-1">
          <strong>From your clinician:</strong> {item.notes}
        </p>
      ) : null}
      <div className="mt-2 grid gap-x-6 gap-y-2 sm:grid-cols-[3fr_2fr]">
        <div>
          <h4 className="font-semibold">How to do it</h4>
          <ol className="list-decimal space-y-0.5 pl-6">
            {item.steps.map((step, index) => (
              <li key={index}>{step}</li>
            ))}
          </ol>
        </div>
        <div className="space-y-2">
          {item.figure ? (
            <FigurePoses
              figure={item.figure}
              label={`Drawing of ${item.name}`}
              side={item.side}
              className="handout-figure"
            />
          ) : null}
          <p>
            <strong>What you should feel:</strong> {item.whatToFeel}
          </p>
          {item.cautions.length > 0 ? (
            <div>
              <strong>Take care:</strong>
              <ul className="list-disc pl-5">
                {item.cautions.map((caution, index) => (
                  <li key={index}>{caution}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </div>
      </div>
      <p className="mt-2 rounded border-2 border-danger px-2 py-1">
        <strong>Stop if</strong> {lowerFirst(item.stopIf)}
      </p>
    </article>
  );
}
