import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { ExerciseCard } from "@/components/patient/exercise-card";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import {
  BODY_REGION_LABELS,
  CATEGORY_LABELS,
  CONDITION_LABELS,
  SIDEDNESS_HINTS,
  SIDEDNESS_LABELS,
} from "@/lib/labels";
import { requireStaffPage } from "@/server/page-auth";
import { ExerciseActions } from "./exercise-actions";
import { ImageManager } from "./image-manager";

export const metadata: Metadata = { title: "Exercise" };

export default async function ExercisePage({
  params,
}: {
  params: Promise<{ exerciseId: string }>;
}) {
  const { exerciseId } = await params;
  const { api, session } = await requireStaffPage();
  const exercise = await api.library.get({ exerciseId }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const isAdmin = session.role === "admin";
  const editable = isAdmin && exercise.origin === "clinic";

  return (
    <div className="space-y-6">
      <div>
        <p>
          <Link href="/library">← Exercise library</Link>
        </p>
        <h1 className="mt-2 text-2xl font-semibold">{exercise.name}</h1>
        <div className="mt-2 flex flex-wrap gap-1.5">
          <Badge tone="info">{CATEGORY_LABELS[exercise.category]}</Badge>
          <Badge tone={exercise.origin === "clinic" ? "success" : "neutral"}>
            {exercise.origin === "clinic" ? "Clinic exercise" : "Shared library"}
          </Badge>
          {exercise.archived ? (
            <Badge tone="warning">Archived: hidden from pickers and search</Badge>
          ) : null}
        </div>
      </div>

      <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading" className="text-lg font-semibold">
            As a patient sees it
          </h2>
          <p className="text-sm text-muted-foreground">
            With the default dose; each program sets its own.
          </p>
          <div className="mt-3 max-w-md">
            <ExerciseCard
              number={1}
              item={{
                exerciseId: exercise.id,
                media: exercise.media,
                figure: exercise.figure,
                name: exercise.name,
                summary: exercise.summary,
                steps: exercise.steps,
                whatToFeel: exercise.whatToFeel,
                stopIf: exercise.stopIf,
                cautions: exercise.cautions,
                sessionText: exercise.sessionText,
                frequencyText: exercise.frequencyText,
                notes: null,
              }}
            />
          </div>
        </section>

        <div className="space-y-4">
          <Card aria-labelledby="details-heading">
            <CardTitle id="details-heading">Details</CardTitle>
            <dl className="mt-2 space-y-2 text-sm">
              <div>
                <dt className="font-medium">Target</dt>
                <dd>{exercise.targetStructure}</dd>
              </div>
              <div>
                <dt className="font-medium">How it is done</dt>
                <dd>
                  {SIDEDNESS_LABELS[exercise.sidedness]}
                  <span className="block text-muted-foreground">
                    {SIDEDNESS_HINTS[exercise.sidedness]}
                  </span>
                </dd>
              </div>
              <div>
                <dt className="font-medium">Body region</dt>
                <dd>{BODY_REGION_LABELS[exercise.bodyRegion]}</dd>
              </div>
              <div>
                <dt className="font-medium">Suits</dt>
                <dd>
                  {exercise.conditions.length
                    ? exercise.conditions.map((c) => CONDITION_LABELS[c]).join(", ")
                    : "No condition tagged"}
                </dd>
              </div>
              <div>
                <dt className="font-medium">Default dose</dt>
                <dd>{exercise.doseText}</dd>
              </div>
              <div>
                <dt className="font-medium">Used in</dt>
                <dd>
                  {exercise.usage.programs} program item{exercise.usage.programs === 1 ? "" : "s"},{" "}
                  {exercise.usage.templates} template item
                  {exercise.usage.templates === 1 ? "" : "s"}
                </dd>
              </div>
            </dl>
          </Card>
          {isAdmin ? (
            <ExerciseActions
              exercise={{
                id: exercise.id,
                origin: exercise.origin,
                archived: exercise.archived,
                used: exercise.usage.programs + exercise.usage.templates > 0,
              }}
            />
          ) : null}
          {editable ? <ImageManager exerciseId={exercise.id} images={exercise.media} /> : null}
        </div>
      </div>
    </div>
  );
}
