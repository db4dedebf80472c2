import { z } from "zod";
import type { ExportResource } from "@/server/services/fhir/bundle";
import { exportPatientFhir } from "@/server/services/fhir/export-patient";
import { router, staffProcedure } from "@/server/trpc";
import { ZId } from "./schemas";

/**
 * A FHIR R4 Bundle. Its resources are built field by field by the mappers in
 * server/services/fhir (they are the column selection here), so each resource passes whole;
 * the schema pins what every entry must be: a typed resource with an id, at its urn:uuid.
 */
function isResource(value: unknown): boolean {
  const r = value as { resourceType?: unknown; id?: unknown } | null;
  return typeof r?.resourceType === "string" && typeof r.id === "string";
}

export const ZPatientBundleOutput = z.object({
  resourceType: z.literal("Bundle"),
  id: z.string(),
  identifier: z.object({ system: z.string(), value: z.string() }),
  type: z.literal("collection"),
  timestamp: z.string(),
  entry: z.array(
    z.object({
      fullUrl: z.string().startsWith("urn:uuid:"),
      resource: z.custom<ExportResource>(
        isResource,
        "Each entry needs a typed resource with an id.",
      ),
    }),
  ),
});

export const fhirRouter = router({
  /** Everything Rehabit holds about the patient, as FHIR R4 (decision 031). */
  patientBundle: staffProcedure
    .input(z.object({ patientId: ZId }))
    .output(ZPatientBundleOutput)
    .query(({ ctx, input }) => exportPatientFhir({ scope: ctx.scope, patientId: input.patientId })),
});
