import { exportDownload } from "@/server/export-download";
import { fhirExportJson } from "@/server/fhir-export";

export const dynamic = "force-dynamic";

/** The patient's record as a FHIR R4 Bundle, downloaded as a file (decision 031). */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ patientId: string }> },
) {
  const { patientId } = await params;
  const result = await fhirExportJson(patientId);
  return exportDownload("status" in result ? result : { body: result.json }, {
    prefix: "rehabit-fhir",
    extension: "json",
    contentType: "application/fhir+json; charset=utf-8",
  });
}
