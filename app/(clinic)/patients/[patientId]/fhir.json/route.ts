import { fhirExportJson } from "@/server/fhir-export";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

/** The patient's record as a FHIR R4 Bundle, downloaded as a file (decision 031). */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ patientId: string }> },
) {
  const { patientId } = await params;
  const result = await fhirExportJson(patientId);
  if ("status" in result) {
    return new Response(result.status === 401 ? "Sign in to export." : "Not found", {
      status: result.status,
      headers: NO_STORE,
    });
  }
  // The file name carries no name or health detail: only that it is an export and when.
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(result.json, {
    headers: {
      ...NO_STORE,
      "Content-Type": "application/fhir+json; charset=utf-8",
      "Content-Disposition": `attachment; filename="rehabit-fhir-${stamp}.json"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
