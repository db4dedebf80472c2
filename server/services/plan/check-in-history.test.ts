import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertCheckIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { patientScope } from "@/server/data/scopes";
import { patientWithLink } from "@/server/testing/patients";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";
import { readCheckInHistory } from "./check-in-history";

/**
 * The phone's pages read a day's pain as one row per context: the latest answer by when the
 * patient tapped (an answer queued offline arrives after a later one) and the highest.
 */
let t: TestDb;
let w: TwoClinics;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});
afterAll(() => t?.cleanup());

describe("a day's pain in the check-in history", () => {
  it("keeps the latest answer by tap time and the highest, for each day and context", async () => {
    const { patient, version, link } = await patientWithLink(t.db, w);
    const answer = (day: string, tappedAt: string, context: "morning" | "during", score: number) =>
      insertCheckIn(t.db, {
        clinicId: w.clinicA.id,
        patientId: patient.id,
        versionId: version.id,
        day,
        kind: context === "morning" ? "morning" : "exercise",
        submittedAt: new Date(tappedAt),
        pain: [{ context, score }],
      });
    // Stored in this order: the 09:00 morning answer reaches the server after the 10:00 one.
    await answer("2026-03-02", "2026-03-02T10:00:00Z", "morning", 2);
    await answer("2026-03-02", "2026-03-02T09:00:00Z", "morning", 6);
    await answer("2026-03-02", "2026-03-02T11:00:00Z", "during", 3);
    await answer("2026-03-02", "2026-03-02T12:00:00Z", "during", 7);
    await answer("2026-03-02", "2026-03-02T13:00:00Z", "during", 4);
    await answer("2026-03-03", "2026-03-03T08:00:00Z", "morning", 5);
    // Outside the window asked for.
    await answer("2026-03-04", "2026-03-04T08:00:00Z", "morning", 9);

    const history = await t.db.read(w.clinicA.id, (db) =>
      readCheckInHistory({
        db,
        scope: patientScope(t.db, { ...link, linkId: link.id }, null),
        from: "2026-03-01",
        to: "2026-03-03",
      }),
    );
    expect(history.pain).toEqual([
      { day: "2026-03-02", context: "during", latest: 4, highest: 7 },
      { day: "2026-03-02", context: "morning", latest: 2, highest: 6 },
      { day: "2026-03-03", context: "morning", latest: 5, highest: 5 },
    ]);
  });
});
