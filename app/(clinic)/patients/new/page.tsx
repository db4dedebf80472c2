import type { Metadata } from "next";
import Link from "next/link";
import { requireStaffPage } from "@/server/page-auth";
import { PatientForm } from "../patient-form";

export const metadata: Metadata = { title: "Add a patient" };

export default async function NewPatientPage() {
  const { api } = await requireStaffPage();
  const defaults = await api.patients.newDefaults();
  return (
    <div className="space-y-4">
      <p>
        <Link href="/patients">← Patients</Link>
      </p>
      <h1 className="text-2xl font-semibold">Add a patient</h1>
      <PatientForm
        clinicians={defaults.clinicians}
        timeZones={Intl.supportedValuesOf("timeZone")}
        initial={{
          displayName: "",
          yearOfBirth: "",
          condition: "",
          affectedSide: "",
          timeZone: defaults.timeZone,
          primaryClinicianId: defaults.primaryClinicianId,
        }}
      />
    </div>
  );
}
