import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertClinic, insertUser } from "@/db/factories";
import { createTestDb } from "@/db/factories/test-db";
import { users } from "@/db/schema";
import { verifyCredentials } from "./verify-credentials";

const t = createTestDb();
afterAll(() => t.cleanup());
let email = "";
beforeAll(async () => {
  const clinic = insertClinic(t.db);
  const user = await insertUser(t.db, {
    clinicId: clinic.id,
    email: "Sam@Example.com",
    password: "a long enough password",
  });
  email = user.email;
});

describe("verifyCredentials", () => {
  it("signs in with the right password, whatever the email's case", async () => {
    const user = await verifyCredentials({
      db: t.db,
      email: " SAM@example.com ",
      password: "a long enough password",
    });
    expect(user?.email).toBe("sam@example.com");
    const row = t.db.select().from(users).where(eq(users.email, email)).get();
    expect(row?.lastLoginAt).toBeInstanceOf(Date);
    expect(row?.passwordHash.startsWith("$argon2id$")).toBe(true);
  });

  it("gives the same answer for a wrong password, an unknown email and a deactivated account", async () => {
    expect(
      await verifyCredentials({ db: t.db, email, password: "wrong password here" }),
    ).toBeNull();
    expect(
      await verifyCredentials({
        db: t.db,
        email: "nobody@example.com",
        password: "a long enough password",
      }),
    ).toBeNull();
    t.db.update(users).set({ active: false }).where(eq(users.email, email)).run();
    expect(
      await verifyCredentials({ db: t.db, email, password: "a long enough password" }),
    ).toBeNull();
  });
});
