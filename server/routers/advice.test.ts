import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPatientLink } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { patientCaller, staffCaller } from "@/server/testing/callers";
import { codeOf } from "@/server/testing/errors";
import { buildTwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(async () => {
  await t.cleanup();
});

let w: Awaited<ReturnType<typeof buildTwoClinics>>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

describe("advice.forPatient", () => {
  it("gives the clinic's staff the advice, with its inputs", async () => {
    const result = await staffCaller(t.db, w.clinicianA).advice.forPatient({
      patientId: w.patientA.id,
    });
    expect(result.hasProgram).toBe(true);
    expect(result.redFlag).toBe(false);
    expect(result.advice?.advice).toBe("not_enough_data");
    expect(result.advice?.inputs.versionNumber).toBe(1);
  });

  it("treats another clinic's patient exactly like one that does not exist", async () => {
    const api = staffCaller(t.db, w.clinicianA);
    expect(await codeOf(api.advice.forPatient({ patientId: w.patientB.id }))).toBe("NOT_FOUND");
    expect(await codeOf(api.advice.forPatient({ patientId: randomUUID() }))).toBe("NOT_FOUND");
  });

  it("is never served to a patient, even about themselves", async () => {
    const { token } = await insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      createdBy: w.clinicianA.id,
    });
    const patient = patientCaller(t.db, token);
    expect(await codeOf(patient.advice.forPatient({ patientId: w.patientA.id }))).toBe(
      "UNAUTHORIZED",
    );
  });
});
