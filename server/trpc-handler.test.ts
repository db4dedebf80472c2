import { randomUUID } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { insertCheckInsBulk } from "@/db/factories";
import { createTestDb } from "@/db/factories/test-db";
import { auditEvents, checkIns } from "@/db/schema";
import { loadSubmissionLimits } from "@/server/env";
import { testContext } from "@/server/testing/callers";
import { noon, setClock } from "@/server/testing/clock";
import { patientWithLink } from "@/server/testing/patients";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";
import { MAX_BATCH_CALLS } from "./trpc-batch-limit";
import { trpcHandler } from "./trpc-handler";

const t = createTestDb();
afterAll(() => t.cleanup());
afterEach(() => vi.useRealTimers());

let w: TwoClinics;
beforeAll(async () => {
  w = await buildTwoClinics(t.db);
});

/** The endpoint as the phone reaches it, with this patient's link cookie, over this test's database. */
function endpointFor(patientToken: string) {
  return trpcHandler(async () => testContext(t.db, { patientToken }));
}

/** A batched POST of pain answers, each under its own key, as the batch link would send it. */
function batchOfAnswers(calls: number): Request {
  const paths = Array.from({ length: calls }, () => "checkIns.exercisePain").join(",");
  const body = Object.fromEntries(
    Array.from({ length: calls }, (_, i) => [
      String(i),
      { json: { idempotencyKey: randomUUID(), score: 2 } },
    ]),
  );
  return new Request(`http://localhost/api/trpc/${paths}?batch=1`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

const checkInsOf = (patientId: string) =>
  t.db.select({ n: count() }).from(checkIns).where(eq(checkIns.patientId, patientId)).get()!.n;
const auditOf = (patientId: string) =>
  t.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.patientId, patientId)).get()!
    .n;

describe("the size of a batch", () => {
  it(`runs a batch of ${MAX_BATCH_CALLS} calls`, async () => {
    const p = patientWithLink(t.db, w);
    const response = await endpointFor(p.token)(batchOfAnswers(MAX_BATCH_CALLS));
    expect(response.status).toBe(200);
    expect(checkInsOf(p.patient.id)).toBe(MAX_BATCH_CALLS);
  });

  it("refuses a larger batch with a 400 before any call runs", async () => {
    const p = patientWithLink(t.db, w);
    const response = await endpointFor(p.token)(batchOfAnswers(MAX_BATCH_CALLS + 1));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toBe("Batch call exceeds maximum size");
    expect(checkInsOf(p.patient.id)).toBe(0);
    expect(auditOf(p.patient.id)).toBe(0);
  });
});

describe("an answer over its link's limit, over HTTP", () => {
  it("is a 429 with the kind sentence and when to try again", async () => {
    setClock(noon("2026-03-10"));
    const p = patientWithLink(t.db, w);
    const { answersPerMinute } = loadSubmissionLimits({});
    insertCheckInsBulk(
      t.db,
      Array.from({ length: answersPerMinute }, () => ({
        clinicId: w.clinicA.id,
        patientId: p.patient.id,
        versionId: p.version.id,
        day: "2026-03-10",
        kind: "exercise" as const,
      })),
    );
    const response = await endpointFor(p.token)(
      new Request("http://localhost/api/trpc/checkIns.exercisePain", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ json: { idempotencyKey: randomUUID(), score: 2 } }),
      }),
    );
    expect(response.status).toBe(429);
    expect(response.headers.get("Retry-After")).toBe("60");
    const body = (await response.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toBe(
      "You have sent a lot of answers in a short time. Please wait a minute and try again.",
    );
    expect(checkInsOf(p.patient.id)).toBe(answersPerMinute);
  });
});
