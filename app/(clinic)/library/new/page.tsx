import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/server/page-auth";
import { EMPTY_EXERCISE, ExerciseForm } from "../exercise-form";
import { figureFormProps } from "../figure-choice";

export const metadata: Metadata = { title: "New exercise" };

export default async function NewExercisePage() {
  await requireAdminPage();
  // A new exercise starts with no drawing (EMPTY_EXERCISE): only the movements are needed.
  const { figureOptions } = figureFormProps(null);
  return (
    <div className="max-w-3xl space-y-4">
      <p>
        <Link href="/library">← Exercise library</Link>
      </p>
      <h1 className="text-2xl font-semibold">New clinic exercise</h1>
      <ExerciseForm initial={EMPTY_EXERCISE} figureOptions={figureOptions} />
    </div>
  );
}
