import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireAdminPage } from "@/server/page-auth";
import { ExerciseForm } from "../../exercise-form";
import { figureFormProps } from "../../figure-choice";

export const metadata: Metadata = { title: "Edit exercise" };

const str = (n: number | null) => (n === null ? "" : String(n));

export default async function EditExercisePage({
  params,
}: {
  params: Promise<{ exerciseId: string }>;
}) {
  const { exerciseId } = await params;
  const { api } = await requireAdminPage();
  const e = await api.library.get({ exerciseId }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  if (e.origin !== "clinic") notFound();
  const figure = figureFormProps(e.figure);
  return (
    <div className="max-w-3xl space-y-4">
      <p>
        <Link href={`/library/${e.id}`}>← {e.name}</Link>
      </p>
      <h1 className="text-2xl font-semibold">Edit {e.name}</h1>
      <ExerciseForm
        exerciseId={e.id}
        figureOptions={figure.figureOptions}
        initial={{
          name: e.name,
          category: e.category,
          sidedness: e.sidedness,
          bodyRegion: e.bodyRegion,
          targetStructure: e.targetStructure,
          summary: e.summary,
          steps: e.steps.join("\n"),
          whatToFeel: e.whatToFeel,
          stopIf: e.stopIf,
          cautions: e.cautions.join("\n"),
          conditions: e.conditions,
          defaultSets: str(e.defaults.sets),
          defaultReps: str(e.defaults.reps),
          defaultHoldSeconds: str(e.defaults.holdSeconds),
          defaultRestSeconds: str(e.defaults.restSeconds),
          defaultDurationSeconds: str(e.defaults.durationSeconds),
          defaultSessionsPerDay: String(e.defaults.sessionsPerDay),
          defaultDaysPerWeek: String(e.defaults.daysPerWeek),
          figure: figure.figureChoice,
        }}
      />
    </div>
  );
}
