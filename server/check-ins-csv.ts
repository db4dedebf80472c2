import "server-only";
import { TRPCError } from "@trpc/server";
import { toCsv } from "@/lib/csv";
import { createCaller } from "./root";
import { createRequestContext } from "./request-context";
import { EXPORT_COLUMNS } from "./services/patient-charts/check-ins-export";

type Outcomes = Awaited<ReturnType<ReturnType<typeof createCaller>["measures"]["forPatient"]>>;

function outcomeRows(outcomes: Outcomes) {
  const names = new Map(outcomes.measures.map((m) => [m.id, m.shortName]));
  return outcomes.responses.map((r) => [
    r.day,
    r.submittedAt.toISOString(),
    "outcome_measure",
    "score",
    names.get(r.measureId) ?? r.measureId,
    Number(r.score.toFixed(2)),
    null,
    null,
    null,
    null,
    null,
    null,
    r.versionNumber,
  ]);
}

type Messages = Awaited<ReturnType<ReturnType<typeof createCaller>["messages"]["exportRows"]>>;

/**
 * Messages (issue 16): one row each, `message` in the check_in column, who wrote it in `row`
 * (`from_patient` or `from_clinic`), the staff member's name as its context, the text as its note.
 */
function messageRows(messages: Messages) {
  return messages.map((m) => [
    m.day,
    m.sentAt.toISOString(),
    "message",
    m.from === "patient" ? "from_patient" : "from_clinic",
    m.authorName,
    null,
    null,
    null,
    null,
    null,
    null,
    m.body,
    null,
  ]);
}

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
    const outcomes = await api.measures.forPatient({ patientId });
    const messages = await api.messages.exportRows({ patientId });
    return {
      csv: toCsv(EXPORT_COLUMNS, [
        ...rows.map((r) => [
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
        // Outcome measure scores (issue 15): one row a response, the measure's short name as
        // its context; the answers themselves are on the patient page and in the FHIR export.
        ...outcomeRows(outcomes),
        ...messageRows(messages),
      ]),
    };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return { status: 401 };
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      return { status: 404 };
    throw error;
  }
}
