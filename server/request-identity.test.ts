import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertPatientLink, insertUser, writeIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { patientLinks, users } from "@/db/schema";
import { createCaller } from "./root";
import { claimsFor, patientCaller, staffCaller, testContext } from "./testing/callers";
import { codeOf } from "./testing/errors";
import { buildTwoClinics, type TwoClinics } from "./testing/world";

/**
 * A request checks who it is once: the layout, the page and every call of a page (or of one tRPC
 * batch) share one read of the staff session or the patient's link. The next request checks again,
 * so a deactivation or a revoked link ends access at the next page or call.
 */
let t: TestDb;
let w: TwoClinics;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});
afterAll(() => t?.cleanup());

describe("staff session", () => {
  it("is read once for all the calls of one request", async () => {
    let reads = 0;
    const ctx = testContext(t.db, { claims: claimsFor(w.clinicianA) });
    const claims = ctx.readStaffClaims;
    ctx.readStaffClaims = () => {
      reads++;
      return claims();
    };
    const api = createCaller(ctx);
    await Promise.all([api.alerts.summary(), api.caseload.list({})]);
    await api.patients.get({ patientId: w.patientA.id });
    expect(reads).toBe(1);
  });

  it("ends at the next request once the user is deactivated", async () => {
    const leaver = await insertUser(t.db, {
      clinicId: w.clinicA.id,
      role: "clinician",
      email: `leaver-${crypto.randomUUID()}@example.test`,
    });
    const request = staffCaller(t.db, leaver);
    await request.alerts.summary();
    await writeIn(t.db, (tx) =>
      tx.update(users).set({ active: false }).where(eq(users.id, leaver.id)),
    );
    // The request under way finishes as it began; the next one is refused.
    await expect(request.alerts.summary()).resolves.toBeDefined();
    expect(await codeOf(staffCaller(t.db, leaver).alerts.summary())).toBe("UNAUTHORIZED");
  });

  it("is checked again within the request when the first check failed", async () => {
    const ctx = testContext(t.db, { claims: claimsFor(w.clinicianA) });
    const claims = ctx.readStaffClaims;
    let fail = true;
    ctx.readStaffClaims = () => {
      if (fail) {
        fail = false;
        return Promise.reject(new Error("cookie store unavailable"));
      }
      return claims();
    };
    const api = createCaller(ctx);
    expect(await codeOf(api.alerts.summary())).toBe("INTERNAL_SERVER_ERROR");
    await expect(api.alerts.summary()).resolves.toBeDefined();
  });
});

describe("patient link", () => {
  it("is looked up once for all the calls of one request, and again at the next", async () => {
    const { token, link } = await insertPatientLink(t.db, {
      clinicId: w.clinicA.id,
      patientId: w.patientA.id,
      createdBy: w.clinicianA.id,
    });
    const request = patientCaller(t.db, token);
    await Promise.all([request.plan.today(), request.goals.mine()]);
    await writeIn(t.db, (tx) =>
      tx.update(patientLinks).set({ revokedAt: new Date() }).where(eq(patientLinks.id, link.id)),
    );
    await expect(request.plan.progress()).resolves.toBeDefined();
    expect(await codeOf(patientCaller(t.db, token).plan.today())).toBe("UNAUTHORIZED");
  });
});
