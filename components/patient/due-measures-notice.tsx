import Link from "next/link";

/** On today's plan: a short questionnaire is waiting (issue 15). Nothing when none is due. */
export function DueMeasuresNotice({ names }: { names: string[] }) {
  if (names.length === 0) return null;
  return (
    <section
      aria-labelledby="due-measures-heading"
      className="rounded-lg border-2 border-primary/40 bg-primary-soft p-4"
    >
      <h2 id="due-measures-heading" className="text-xl font-semibold">
        {names.length === 1 ? "A few questions from your clinic" : "Questions from your clinic"}
      </h2>
      <p className="mt-1">
        Your clinician would like to know how you are getting on: {names.join(" and ")}. It takes
        about a minute.
      </p>
      <Link
        href="/p/measures"
        className="mt-3 inline-flex min-h-12 w-full items-center justify-center rounded-md bg-primary px-5 text-lg font-semibold text-primary-foreground no-underline"
      >
        Answer the questions
      </Link>
    </section>
  );
}
