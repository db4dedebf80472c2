import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { ClinicFooter } from "@/components/patient/clinic-footer";
import { LinkInvalid } from "@/components/patient/link-invalid";
import { OutboxStatus } from "@/components/patient/outbox-status";
import { PatientNav } from "@/components/patient/patient-nav";
import { SafetyCheckForm } from "@/components/patient/safety-check-form";
import { patientPageCaller } from "@/server/page-auth";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "I have new symptoms" };

/** "I have new symptoms": the same safety check as the weekly one, any time. */
export default async function NewSymptomsPage() {
  const api = await patientPageCaller();
  const plan = await api.plan.today().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return null;
    throw error;
  });
  if (!plan) return <LinkInvalid />;
  return (
    <div className="space-y-5">
      <SafetyCheckForm
        clinic={plan.clinic}
        intro="Something new or worrying? Answer these questions and we will tell you what to do next. Your clinic sees your answers."
        header={
          <header className="space-y-3">
            <div>
              <p className="font-semibold text-primary">{plan.clinic.name}</p>
              <h1 className="mt-1 text-2xl leading-tight font-semibold">I have new symptoms</h1>
            </div>
            <PatientNav current="safety" />
            <OutboxStatus />
          </header>
        }
      />
      <ClinicFooter clinic={plan.clinic} />
    </div>
  );
}
