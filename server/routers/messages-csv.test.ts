import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import type { Context } from "@/server/context";
import { claimsFor, staffCaller, testContext } from "@/server/testing/callers";
import { patientWithLink } from "@/server/testing/patients";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";

let requestContext: Context;
vi.mock("@/server/request-context", () => ({
  createRequestContext: async () => requestContext,
}));

let t: TestDb;
let w: TwoClinics;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});
afterAll(() => t.cleanup());

describe("the patient's CSV export", () => {
  it("holds the thread's messages, each with who wrote it, the text safe for spreadsheets", async () => {
    const p = await patientWithLink(t.db, w, { displayName: "Cara Csv" });
    await p.caller.messages.send({ idempotencyKey: randomUUID(), body: "=1+1, is that right?" });
    await staffCaller(t.db, w.clinicianA).messages.answer({
      patientId: p.patient.id,
      idempotencyKey: randomUUID(),
      body: 'Yes, "quoted" and fine.',
    });
    const { GET } = await import("@/app/(clinic)/patients/[patientId]/check-ins.csv/route");
    requestContext = testContext(t.db, { claims: claimsFor(w.clinicianA) });
    const response = await GET(new Request("https://rehabit.test/x"), {
      params: Promise.resolve({ patientId: p.patient.id }),
    });
    expect(response.status).toBe(200);
    const lines = (await response.text()).split("\r\n").filter((l) => l.includes(",message,"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/,message,from_patient,,/);
    // A formula-like start is defused, and the comma keeps the cell quoted.
    expect(lines[0]).toContain(`"'=1+1, is that right?"`);
    expect(lines[1]).toContain(`,message,from_clinic,${w.clinicianA.name},`);
    expect(lines[1]).toContain(`"Yes, ""quoted"" and fine."`);

    // Another clinic's staff get nothing of it.
    requestContext = testContext(t.db, { claims: claimsFor(w.clinicianB) });
    const refused = await GET(new Request("https://rehabit.test/x"), {
      params: Promise.resolve({ patientId: p.patient.id }),
    });
    expect(refused.status).toBe(404);
  });
});
