import { checkInsCsv } from "@/server/check-ins-csv";

export const dynamic = "force-dynamic";

const NO_STORE = { "Cache-Control": "no-store" };

export async function GET(
  _request: Request,
  { params }: { params: Promise<{ patientId: string }> },
) {
  const { patientId } = await params;
  const result = await checkInsCsv(patientId);
  if ("status" in result) {
    return new Response(result.status === 401 ? "Sign in to export." : "Not found", {
      status: result.status,
      headers: NO_STORE,
    });
  }
  // The file name carries no name or health detail: only that it is an export and when.
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(result.csv, {
    headers: {
      ...NO_STORE,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="rehabit-check-ins-${stamp}.csv"`,
      "X-Content-Type-Options": "nosniff",
    },
  });
}
