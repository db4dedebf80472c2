import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatDate } from "@/lib/labels";
import { ClinicLetterhead, PrintToolbar } from "@/components/print/print-page-parts";
import { requireStaffPage } from "@/server/page-auth";
import { HandoutExercise } from "./handout-exercise";
import { HandoutLink } from "./handout-link";
import "@/components/print/print-sheet.css";
import "./handout.css";

// No patient name in the title: it ends up in the browser's history and as the PDF's file name.
export const metadata: Metadata = { title: "Home exercise handout" };

export default async function HandoutPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const { api } = await requireStaffPage();
  const handout = await api.handout.get({ patientId }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { clinic, patient, program, timeZone } = handout;

  return (
    <div className="space-y-4">
      <PrintToolbar patient={patient} />

      <div className="handout-sheet print-sheet mx-auto max-w-[18cm] space-y-5 rounded-lg border border-border bg-background p-4 shadow-sm sm:p-8">
        <header className="print-keep">
          <ClinicLetterhead clinic={clinic} />
          <h1 className="mt-3 text-2xl leading-tight font-semibold">
            Home exercises for {patient.displayName}
          </h1>
          <p className="text-sm text-muted-foreground">
            {program
              ? `Plan version ${program.versionNumber}, from ${formatDate(program.effectiveFrom, timeZone)}. Printed ${formatDate(handout.preparedAt, timeZone)}.`
              : `Printed ${formatDate(handout.preparedAt, timeZone)}.`}
          </p>
        </header>

        <HandoutLink
          patientId={patient.id}
          patientName={patient.displayName}
          clinicName={clinic.name}
          timeZone={timeZone}
          discharged={patient.status !== "active"}
        />

        {program && program.items.length > 0 ? (
          <>
            <section aria-labelledby="pain-heading" className="print-keep">
              <h2 id="pain-heading" className="font-semibold">
                How much pain is all right ({program.painLimit} out of 10 at most)
              </h2>
              <p>{program.painLimitText}</p>
            </section>
            <section aria-labelledby="exercises-heading" className="space-y-4">
              <h2 id="exercises-heading" className="text-xl font-semibold">
                Your exercises ({program.items.length})
              </h2>
              <ol className="space-y-4">
                {program.items.map((item, index) => (
                  <li key={item.id}>
                    <HandoutExercise item={item} number={index + 1} />
                  </li>
                ))}
              </ol>
            </section>
          </>
        ) : (
          <p className="rounded-md border border-border p-4">
            {patient.displayName} has no exercise program yet. Prescribe one on the patient&apos;s
            page, then print this handout.
          </p>
        )}

        <footer className="print-keep space-y-2 border-t border-border pt-4 text-sm">
          <p>
            <strong>Questions about your exercises?</strong> Contact {clinic.name}
            {clinic.phone ? ` on ${clinic.phone}` : ""}
            {clinic.email ? `${clinic.phone ? " or at" : " at"} ${clinic.email}` : ""}.
          </p>
          <p>
            If you have sudden severe pain, numbness around your groin or buttocks, or problems
            passing urine, call the emergency number or go to an emergency department now.
          </p>
        </footer>
      </div>
    </div>
  );
}
