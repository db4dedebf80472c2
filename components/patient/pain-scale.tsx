/** The same anchor words every time a pain score is asked (CLINICAL.md, "Pain"). */
export const PAIN_ANCHORS = "0 = no pain, 10 = worst pain imaginable";

const SCORES = Array.from({ length: 11 }, (_, i) => i);

/**
 * The 0–10 Numeric Pain Rating Scale as eleven large radio buttons. The chosen one is filled,
 * bold and ticked, so the choice never rests on colour alone.
 */
export function PainScale({
  name,
  legend,
  value,
  onChange,
}: {
  name: string;
  legend: string;
  value: number | null;
  onChange: (score: number) => void;
}) {
  return (
    <fieldset className="min-w-0" aria-describedby={`${name}-anchors`}>
      <legend className="text-lg leading-snug font-semibold">{legend}</legend>
      <p id={`${name}-anchors`} className="mt-1 text-muted-foreground">
        {PAIN_ANCHORS}
      </p>
      <div className="mt-3 grid grid-cols-[repeat(auto-fill,minmax(3rem,1fr))] gap-2">
        {SCORES.map((score) => (
          <label
            key={score}
            className="relative flex min-h-12 cursor-pointer items-center justify-center rounded-md border-2 border-border bg-background text-lg font-medium has-[:checked]:border-primary has-[:checked]:bg-primary has-[:checked]:font-bold has-[:checked]:text-primary-foreground has-[:focus-visible]:outline-3 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-ring"
          >
            <input
              type="radio"
              name={name}
              value={score}
              checked={value === score}
              onChange={() => onChange(score)}
              className="absolute inset-0 size-full cursor-pointer opacity-0"
            />
            {value === score ? <span aria-hidden="true">✓&nbsp;</span> : null}
            {score}
          </label>
        ))}
      </div>
      <div className="mt-1 flex justify-between text-sm text-muted-foreground" aria-hidden="true">
        <span>No pain</span>
        <span>Worst imaginable</span>
      </div>
    </fieldset>
  );
}
