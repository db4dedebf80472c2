import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { insertCheckInsBulk } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, checkIns, exercises } from "@/db/schema";
import { loadSubmissionLimits } from "@/server/env";
import { claimsFor, TEST_ORIGIN, testContext } from "@/server/testing/callers";
import { STEP_UPS } from "@/server/testing/exercise-input";
import { createCaller } from "@/server/root";
import { noon, setClock } from "@/server/testing/clock";
import { patientWithLink } from "@/server/testing/patients";
import { buildTwoClinics, type TwoClinics } from "@/server/testing/world";
import { MAX_BATCH_CALLS } from "./trpc-batch-limit";
import { trpcHandler } from "./trpc-handler";

let t: TestDb;
const mediaDir = mkdtempSync(path.join(tmpdir(), "rehabit-handler-media-"));
afterAll(async () => {
  await t?.cleanup();
  rmSync(mediaDir, { recursive: true, force: true });
});
afterEach(() => vi.useRealTimers());

let w: TwoClinics;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

/** The endpoint as the phone reaches it, with this patient's link cookie, over this test's database. */
function endpointFor(patientToken: string) {
  return trpcHandler(
    async () => testContext(t.db, { patientToken }),
    () => TEST_ORIGIN,
  );
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
  t.db.read(null, (db) => db.$count(checkIns, eq(checkIns.patientId, patientId)));
const auditOf = (patientId: string) =>
  t.db.read(null, (db) => db.$count(auditEvents, eq(auditEvents.patientId, patientId)));

describe("the size of a batch", () => {
  it(`runs a batch of ${MAX_BATCH_CALLS} calls`, async () => {
    const p = await patientWithLink(t.db, w);
    const response = await endpointFor(p.token)(batchOfAnswers(MAX_BATCH_CALLS));
    expect(response.status).toBe(200);
    expect(await checkInsOf(p.patient.id)).toBe(MAX_BATCH_CALLS);
  });

  it("refuses a larger batch with a 400 before any call runs", async () => {
    const p = await patientWithLink(t.db, w);
    const response = await endpointFor(p.token)(batchOfAnswers(MAX_BATCH_CALLS + 1));
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { json: { message: string } } };
    expect(body.error.json.message).toBe("Batch call exceeds maximum size");
    expect(await checkInsOf(p.patient.id)).toBe(0);
    expect(await auditOf(p.patient.id)).toBe(0);
  });
});

describe("an answer over its link's limit, over HTTP", () => {
  it("is a 429 with the kind sentence and when to try again", async () => {
    setClock(noon("2026-03-10"));
    const p = await patientWithLink(t.db, w);
    const { answersPerMinute } = loadSubmissionLimits({});
    await insertCheckInsBulk(
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
    expect(await checkInsOf(p.patient.id)).toBe(answersPerMinute);
  });
});

describe("a request from another site", () => {
  const EVIL = "http://evil.example";

  /** The phone's exercise-pain answer, as it sends it, with the given extra headers. */
  function answer(headers: Record<string, string>): Request {
    return new Request("http://localhost/api/trpc/checkIns.exercisePain", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ json: { idempotencyKey: randomUUID(), score: 2 } }),
    });
  }

  /** The endpoint as an admin of clinic A reaches it; `built` counts the contexts it made. */
  function adminEndpoint() {
    const built = { contexts: 0 };
    const handler = trpcHandler(
      async () => {
        built.contexts++;
        return testContext(t.db, { claims: claimsFor(w.adminA), mediaDir });
      },
      () => TEST_ORIGIN,
    );
    return { handler, built };
  }

  async function picture(): Promise<Blob> {
    const png = await sharp({
      create: { width: 20, height: 20, channels: 3, background: "#336699" },
    })
      .png()
      .toBuffer();
    return new Blob([new Uint8Array(png)], { type: "image/png" });
  }

  /** The library's picture upload: multipart form data, as an HTML form on another site could send. */
  async function upload(exerciseId: string, headers: Record<string, string>): Promise<Request> {
    const form = new FormData();
    form.set("exerciseId", exerciseId);
    form.set("alt", "Starting position");
    form.set("file", await picture(), "photo.png");
    return new Request("http://localhost/api/trpc/library.addImage", {
      method: "POST",
      headers,
      body: form,
    });
  }

  const picturesOf = async (exerciseId: string) => {
    const [exercise] = await t.db.read(null, (db) =>
      db.select().from(exercises).where(eq(exercises.id, exerciseId)),
    );
    return exercise!.media.length;
  };

  /** The refusal is a 403; its message is what the browser shows. */
  async function forbiddenMessage(response: Response) {
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: { json: { message: string } } };
    return body.error.json.message;
  }

  it("refuses a JSON answer with a foreign Origin, before anything is written", async () => {
    const p = await patientWithLink(t.db, w);
    const response = await endpointFor(p.token)(answer({ origin: EVIL }));
    expect(await forbiddenMessage(response)).toMatch(/another site/);
    expect(await checkInsOf(p.patient.id)).toBe(0);
    expect(await auditOf(p.patient.id)).toBe(0);
  });

  it("refuses a staff JSON mutation with a foreign Origin, without building a context", async () => {
    const { handler, built } = adminEndpoint();
    const name = `Cross-site drill ${randomUUID()}`;
    const response = await handler(
      new Request("http://localhost/api/trpc/library.create", {
        method: "POST",
        headers: { "content-type": "application/json", origin: EVIL },
        body: JSON.stringify({ json: { ...STEP_UPS, name } }),
      }),
    );
    await forbiddenMessage(response);
    expect(built.contexts).toBe(0);
    expect(
      await t.db.read(null, (db) => db.select().from(exercises).where(eq(exercises.name, name))),
    ).toEqual([]);
  });

  it("refuses a multipart picture upload with a foreign Origin: no picture, no file", async () => {
    const admin = createCaller(testContext(t.db, { claims: claimsFor(w.adminA), mediaDir }));
    const { id } = await admin.library.create({ ...STEP_UPS, name: "Upload target" });
    const { handler, built } = adminEndpoint();
    const filesBefore = readdirSync(mediaDir).length;
    await forbiddenMessage(await handler(await upload(id, { origin: EVIL })));
    await forbiddenMessage(await handler(await upload(id, { "sec-fetch-site": "cross-site" })));
    expect(built.contexts).toBe(0);
    expect(await picturesOf(id)).toBe(0);
    expect(readdirSync(mediaDir).length).toBe(filesBefore);

    // The same upload from the site's own page goes through.
    const own = await handler(await upload(id, { origin: TEST_ORIGIN }));
    expect(own.status).toBe(200);
    expect(await picturesOf(id)).toBe(1);
  });

  it("refuses a query sent as POST from another subdomain (Sec-Fetch-Site: same-site)", async () => {
    const { handler, built } = adminEndpoint();
    const response = await handler(
      new Request("http://localhost/api/trpc/library.list", {
        method: "POST",
        headers: { "content-type": "application/json", "sec-fetch-site": "same-site" },
        body: JSON.stringify({ json: {} }),
      }),
    );
    await forbiddenMessage(response);
    expect(built.contexts).toBe(0);
  });

  it("takes an answer from the site's own page", async () => {
    const p = await patientWithLink(t.db, w);
    const response = await endpointFor(p.token)(
      answer({ origin: TEST_ORIGIN, "sec-fetch-site": "same-origin" }),
    );
    expect(response.status).toBe(200);
    expect(await checkInsOf(p.patient.id)).toBe(1);
  });

  it("takes an answer with no Origin at all (curl, the bench, a server-side caller)", async () => {
    const p = await patientWithLink(t.db, w);
    const response = await endpointFor(p.token)(answer({}));
    expect(response.status).toBe(200);
    expect(await checkInsOf(p.patient.id)).toBe(1);
  });
});
