import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { staffCaller } from "./testing/callers";
import { errorShape } from "./testing/errors";
import { buildTwoClinics } from "./testing/world";
import { INTERNAL_ERROR_MESSAGE } from "./trpc";

let t: TestDb;
let w: Awaited<ReturnType<typeof buildTwoClinics>>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});
afterAll(async () => {
  await t?.cleanup();
});

describe("error formatter", () => {
  it("turns validation errors into a message per field", async () => {
    const error = await staffCaller(t.db, w.clinicianA)
      .patientLinks.create({ patientId: w.patientA.id, validDays: 0 })
      .catch((e: TRPCError) => e);
    expect(error).toBeInstanceOf(TRPCError);
    const shape = errorShape(error as TRPCError);
    expect(shape.data.fieldErrors).toEqual({ validDays: ["A link must last at least a day."] });
    expect(shape.message).toMatch(/fields need fixing/);
  });

  it("never lets an internal error's message, stack or cause out", () => {
    const cause = new Error("SQLITE_CONSTRAINT: pain_reports.score = 11 for patient Alice");
    const shape = errorShape(new TRPCError({ code: "INTERNAL_SERVER_ERROR", cause }));
    expect(shape.message).toBe(INTERNAL_ERROR_MESSAGE);
    expect(JSON.stringify(shape)).not.toMatch(/Alice|SQLITE|stack/);
  });

  it("keeps plain messages for the errors users can act on", () => {
    const shape = errorShape(
      new TRPCError({ code: "NOT_FOUND", message: "That patient was not found." }),
    );
    expect(shape.message).toBe("That patient was not found.");
    expect(z.object({ fieldErrors: z.null() }).safeParse(shape.data).success).toBe(true);
  });
});
