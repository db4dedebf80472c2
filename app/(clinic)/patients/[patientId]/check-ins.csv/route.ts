import { checkInsCsv } from "@/server/check-ins-csv";
import { exportDownload } from "@/server/export-download";

export const dynamic = "force-dynamic";

/** The patient's check-ins, outcome scores and messages as a CSV file. */
export async function GET(
  _request: Request,
  { params }: { params: Promise<{ patientId: string }> },
) {
  const { patientId } = await params;
  const result = await checkInsCsv(patientId);
  return exportDownload("status" in result ? result : { body: result.csv }, {
    prefix: "rehabit-check-ins",
    extension: "csv",
    contentType: "text/csv; charset=utf-8",
  });
}
