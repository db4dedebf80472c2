import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { ClinicFooter } from "@/components/patient/clinic-footer";
import { LinkInvalid } from "@/components/patient/link-invalid";
import { MeasureForm } from "@/components/patient/measure-form";
import { OutboxStatus } from "@/components/patient/outbox-status";
import { PatientNav } from "@/components/patient/patient-nav";
import { patientPageCaller } from "@/server/page-auth";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Questions from your clinic" };

/** The outcome questionnaires due today (issue 15), one form each. */
export default async function MeasuresPage() {
  const api = await patientPageCaller();
  const unauthorized = (error: unknown) => {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return null;
    throw error;
  };
  const plan = await api.plan.today().catch(unauthorized);
  const measures = plan ? await api.measures.due().catch(unauthorized) : null;
  if (!plan || !measures) return <LinkInvalid />;

  return (
    <div className="space-y-5">
      <header className="space-y-3">
        <div>
          <p className="font-semibold text-primary">{plan.clinic.name}</p>
          <h1 className="mt-1 text-2xl leading-tight font-semibold">Questions from your clinic</h1>
        </div>
        <PatientNav current="measures" />
        <OutboxStatus />
      </header>
      {measures.due.length === 0 ? (
        <div className="rounded-lg border border-border bg-muted p-4 text-lg">
          <p>There are no questions for you today. Thank you.</p>
          <p className="mt-2">
            <Link href="/p" className="font-semibold">
              Back to today&apos;s plan
            </Link>
          </p>
        </div>
      ) : (
        <>
          <p className="text-lg">
            Your clinician uses these answers to see how you are getting on. There are no right or
            wrong answers.
          </p>
          {measures.due.map((form) => (
            <MeasureForm key={`${form.scheduleId}-${form.occurrenceDay}`} form={form} />
          ))}
        </>
      )}
      <ClinicFooter clinic={plan.clinic} />
    </div>
  );
}
