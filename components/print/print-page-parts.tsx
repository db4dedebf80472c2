import Link from "next/link";
import { PrintButton } from "./print-button";

/**
 * Above a printable sheet (the handout, the discharge summary), hidden on paper: back to the
 * patient, and how to print on either paper size or to a PDF.
 */
export function PrintToolbar({ patient }: { patient: { id: string; displayName: string } }) {
  return (
    <div className="no-print flex flex-wrap items-center gap-x-4 gap-y-2">
      <Link href={`/patients/${patient.id}`}>← {patient.displayName}</Link>
      <div className="ml-auto flex flex-wrap items-center gap-3">
        <p className="text-sm text-muted-foreground">
          Fits A4 and US Letter. For a PDF, choose &ldquo;Save as PDF&rdquo; as the printer.
        </p>
        <PrintButton />
      </div>
    </div>
  );
}

/** The clinic's name and how to reach it, at the top of a printed sheet. */
export function ClinicLetterhead({
  clinic,
}: {
  clinic: { name: string; phone: string | null; email: string | null };
}) {
  return (
    <>
      <p className="text-lg font-semibold text-primary">{clinic.name}</p>
      {clinic.phone || clinic.email ? (
        <p className="text-sm break-words">
          {clinic.phone ? <>Phone {clinic.phone}</> : null}
          {clinic.phone && clinic.email ? " · " : null}
          {clinic.email ? <>Email {clinic.email}</> : null}
        </p>
      ) : null}
    </>
  );
}
