import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertClinic, insertUser, readIn, writeIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { users } from "@/db/schema";
import { systemData } from "@/server/data/clinic-data";
import { verifyCredentials } from "./verify-credentials";

let t: TestDb;
afterAll(() => t?.cleanup());
let email = "";
beforeAll(async () => {
  t = await createTestDb();
  const clinic = await insertClinic(t.db);
  const user = await insertUser(t.db, {
    clinicId: clinic.id,
    email: "Sam@Example.com",
    password: "a long enough password",
  });
  email = user.email;
});

const verify = (email: string, password: string) =>
  verifyCredentials({ system: systemData(t.db), email, password });

describe("verifyCredentials", () => {
  it("signs in with the right password, whatever the email's case", async () => {
    const user = await verify(" SAM@example.com ", "a long enough password");
    expect(user?.email).toBe("sam@example.com");
    const [row] = await readIn(t.db, (db) => db.select().from(users).where(eq(users.email, email)));
    expect(row?.lastLoginAt).toBeInstanceOf(Date);
    expect(row?.passwordHash.startsWith("$argon2id$")).toBe(true);
  });

  it("gives the same answer for a wrong password, an unknown email and a deactivated account", async () => {
    expect(await verify(email, "wrong password here")).toBeNull();
    expect(await verify("nobody@example.com", "a long enough password")).toBeNull();
    await writeIn(t.db, (tx) =>
      tx.update(users).set({ active: false }).where(eq(users.email, email)),
    );
    expect(await verify(email, "a long enough password")).toBeNull();
  });
});
