import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireStaffPage } from "@/server/page-auth";
import { PatientForm } from "../../patient-form";

export const metadata: Metadata = { title: "Edit patient" };

export default async function EditPatientPage({
  params,
}: {
  params: Promise<{ patientId: string }>;
}) {
  const { patientId } = await params;
  const { api } = await requireStaffPage();
  const { patient } = await api.patients.get({ patientId }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const defaults = await api.patients.newDefaults();
  const clinicians = defaults.clinicians.some((c) => c.id === patient.primaryClinicianId)
    ? defaults.clinicians
    : [
        { id: patient.primaryClinicianId, name: `${patient.primaryClinicianName} (inactive)` },
        ...defaults.clinicians,
      ];
  return (
    <div className="space-y-4">
      <p>
        <Link href={`/patients/${patient.id}`}>← {patient.displayName}</Link>
      </p>
      <h1 className="text-2xl font-semibold">Edit {patient.displayName}</h1>
      <PatientForm
        patientId={patient.id}
        clinicians={clinicians}
        timeZones={Intl.supportedValuesOf("timeZone")}
        initial={{
          displayName: patient.displayName,
          yearOfBirth: String(patient.yearOfBirth),
          condition: patient.condition,
          affectedSide: patient.affectedSide,
          timeZone: patient.timeZone,
          primaryClinicianId: patient.primaryClinicianId,
        }}
      />
    </div>
  );
}
