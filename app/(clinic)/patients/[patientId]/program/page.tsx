import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { VERSION_REASONS, type VersionReason } from "@/db/schema/enums";
import { requireStaffPage } from "@/server/page-auth";
import { ProgramBuilder } from "./program-builder";

export const metadata: Metadata = { title: "Program builder" };

export default async function ProgramPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { patientId } = await params;
  const query = await searchParams;
  const { api } = await requireStaffPage();
  const record = await api.patients.get({ patientId }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { patient } = record;
  const program = await api.programs.forEditing({ patientId });
  const templates = await api.templates.list({
    page: 1,
    pageSize: 100,
    filters: { includeArchived: false },
  });
  const reason =
    typeof query.reason === "string" &&
    (VERSION_REASONS as readonly string[]).includes(query.reason)
      ? (query.reason as VersionReason)
      : null;

  return (
    <div className="space-y-4">
      <p>
        <Link href={`/patients/${patient.id}`}>← {patient.displayName}</Link>
      </p>
      <h1 className="text-2xl font-semibold">
        {program.baseVersionNumber === null ? "Build a program" : "Change the program"} for{" "}
        {patient.displayName}
      </h1>
      {patient.status !== "active" ? (
        <p
          role="alert"
          className="rounded-md border border-warning/30 bg-warning-soft p-3 text-warning"
        >
          {patient.displayName} is discharged. Re-admit them from their page before changing their
          program.
        </p>
      ) : (
        <ProgramBuilder
          patientId={patient.id}
          patientName={patient.displayName}
          affectedSide={patient.affectedSide}
          condition={patient.condition}
          program={program}
          templates={templates.rows.map((t) => ({
            id: t.id,
            name: t.name,
            condition: t.condition,
          }))}
          initialReason={reason}
        />
      )}
    </div>
  );
}
