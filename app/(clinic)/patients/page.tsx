import type { Metadata } from "next";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { caseloadInput, parseCaseloadParams } from "@/lib/caseload-url";
import { requireStaffPage } from "@/server/page-auth";
import { Caseload } from "./caseload";

export const metadata: Metadata = { title: "Patients" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PatientsPage({ searchParams }: { searchParams: SearchParams }) {
  const { api } = await requireStaffPage();
  const state = parseCaseloadParams(await searchParams);
  const result = await api.caseload.list(caseloadInput(state));

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Patients</h1>
          <p className="text-muted-foreground">
            Pain and adherence for each patient, worked out from their check-ins.
          </p>
        </div>
        <Link href="/patients/new" className={buttonVariants()}>
          Add a patient
        </Link>
      </div>
      <Caseload state={state} result={result} />
    </>
  );
}
