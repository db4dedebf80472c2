import { writeIn, type Target } from "./target";
import { patientSummaries } from "../schema";
import type { AdviceValue } from "../schema/enums";

/**
 * A patient's caseload figures set directly, for tests of the caseload query: the figures
 * themselves come from `refreshPatient` in the app, tested on their own.
 */
export async function insertPatientSummary(
  db: Target,
  input: {
    clinicId: string;
    patientId: string;
    day?: string;
    versionNumber?: number | null;
    versionFromDay?: string | null;
    lastCheckInAt?: Date | null;
    adherence7?: number | null;
    adherence28?: number | null;
    morningPain?: number | null;
    baselinePain?: number | null;
    painChange?: number | null;
    improved?: boolean;
    worsening?: boolean;
    advice?: AdviceValue | null;
    redFlag?: boolean;
  },
) {
  const day = input.day ?? "2026-11-22";
  const values = {
    clinicId: input.clinicId,
    day,
    computedAt: new Date(`${day}T12:00:00Z`),
    validUntil: new Date(`${day}T23:59:59Z`),
    versionNumber: input.versionNumber ?? null,
    versionReason: input.versionNumber ? "initial" : null,
    versionFromDay: input.versionFromDay ?? null,
    programStartDay: input.versionFromDay ?? null,
    lastCheckInAt: input.lastCheckInAt ?? null,
    lastCheckInDay: input.lastCheckInAt ? input.lastCheckInAt.toISOString().slice(0, 10) : null,
    adherence7: input.adherence7 ?? null,
    adherence28: input.adherence28 ?? null,
    morningPain: input.morningPain ?? null,
    morningReports7: input.morningPain == null ? 0 : 5,
    baselinePain: input.baselinePain ?? null,
    painChange: input.painChange ?? null,
    improved: input.improved ?? false,
    worsening: input.worsening ?? false,
    advice: input.advice ?? null,
    adviceRule: null,
    redFlag: input.redFlag ?? false,
  };
  const [summary] = await writeIn(db, (tx) =>
    tx
      .insert(patientSummaries)
      .values({ patientId: input.patientId, ...values })
      .onConflictDoUpdate({ target: patientSummaries.patientId, set: values })
      .returning(),
  );
  return summary!;
}
