import "server-only";
import { TRPCError } from "@trpc/server";
import { toCsv } from "@/lib/csv";
import { createCaller } from "./root";
import { createRequestContext } from "./request-context";
import { EXPORT_COLUMNS } from "./services/patient-charts/check-ins-export";

/**
 * The patient's check-ins as CSV for the route handler, through the same staff procedure (and so
 * the same session and clinic checks) as everything else. Null when there is no such patient for
 * this clinic, or no session: the route answers those without saying which.
 */
export async function checkInsCsv(
  patientId: string,
): Promise<{ csv: string } | { status: 401 | 404 }> {
  const api = createCaller(await createRequestContext());
  try {
    const rows = await api.patientCharts.exportRows({ patientId });
    return {
      csv: toCsv(
        EXPORT_COLUMNS,
        rows.map((r) => [
          r.day,
          r.submittedAt.toISOString(),
          r.kind,
          r.row,
          r.context,
          r.score,
          r.exercise,
          r.sessionsDone,
          r.setsDone,
          r.repsDone,
          r.skippedReason,
          r.note,
          r.versionNumber,
        ]),
      ),
    };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return { status: 401 };
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      return { status: 404 };
    throw error;
  }
}
