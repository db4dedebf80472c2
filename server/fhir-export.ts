import "server-only";
import { TRPCError } from "@trpc/server";
import { createCaller } from "./root";
import { createRequestContext } from "./request-context";

/**
 * The patient's FHIR R4 Bundle as JSON for the route handler, through the staff procedure (so the
 * same session, clinic and audit as every read). A status when there is no session, or no such
 * patient for this clinic: the route answers those without saying which.
 */
export async function fhirExportJson(
  patientId: string,
): Promise<{ json: string } | { status: 401 | 404 }> {
  const api = createCaller(await createRequestContext());
  try {
    return { json: JSON.stringify(await api.fhir.patientBundle({ patientId })) };
  } catch (error) {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return { status: 401 };
    if (error instanceof TRPCError && (error.code === "NOT_FOUND" || error.code === "BAD_REQUEST"))
      return { status: 404 };
    throw error;
  }
}
