import { and, eq } from "drizzle-orm";
import type { JWT } from "next-auth/jwt";
import type { Session } from "next-auth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEngine } from "@/db/engine";
import { insertClinic, insertUser, readIn, writeIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, users } from "@/db/schema";
import { claimsFor, staffCaller, TEST_LIMITS } from "@/server/testing/callers";
import { createCaller } from "@/server/root";
import { testContext } from "@/server/testing/callers";
import { errorCode } from "@/server/testing/errors";
import type { StaffClaims } from "./claims";
import { encodeStaffClaims, sessionCookieName } from "./cookies";
import { authOptions } from "./options";

let t: TestDb;
const SECRET = "sign-out-test-secret-long-enough-for-next-auth";
const COOKIE = sessionCookieName(false);

type User = Awaited<ReturnType<typeof insertUser>>;
let clinicId = "";
// The route handler reads the environment and opens the database itself (getEngine), as in
// production: pointed at this file's database.
beforeAll(async () => {
  t = await createTestDb();
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = "http://localhost:3000";
  if (t.db.kind === "pg") process.env.DATABASE_URL = t.file;
  else process.env.DATABASE_PATH = t.file;
  clinicId = (await insertClinic(t.db)).id;
});
afterAll(async () => {
  await getEngine().close();
  await t?.cleanup();
});
const newUser = (role: "admin" | "clinician" = "clinician") => insertUser(t.db, { clinicId, role });
const fresh = async (user: User) =>
  (await readIn(t.db, (db) => db.select().from(users).where(eq(users.id, user.id))))[0]!;
const signOutEvents = (userId: string) =>
  readIn(t.db, (db) =>
    db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "user.sign_out"), eq(auditEvents.entityId, userId))),
  );

/** A request that works like a copy of the browser's cookie, sent by anyone. */
async function withCookie(path: string, claims: StaffClaims, init: RequestInit = {}) {
  const value = await encodeStaffClaims(claims, SECRET, TEST_LIMITS.maxAgeSeconds);
  return new Request(`http://localhost:3000/api/auth/${path}`, {
    ...init,
    headers: { cookie: `other=1; ${COOKIE}=${value}` },
  });
}

/** next-auth's own session endpoint, through the route handler the app serves. */
async function sessionEndpoint(claims: StaffClaims) {
  const { GET } = await import("@/app/api/auth/[...nextauth]/route");
  const response = await GET(await withCookie("session", claims), {
    params: Promise.resolve({ nextauth: ["session"] }),
  });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** What next-auth does on POST /api/auth/signout once it has checked the CSRF token. */
async function signOutWith(claims: StaffClaims, ip: string | null = "203.0.113.5") {
  await authOptions({ ip }).events!.signOut!({ token: claims as unknown as JWT } as {
    session: Session;
    token: JWT;
  });
}

async function meWith(claims: StaffClaims) {
  return createCaller(testContext(t.db, { claims }))
    .auth.me()
    .then((me) => me.id, errorCode);
}

describe("signing out", () => {
  it("ends the session on the server at once: a copy of the cookie stops working", async () => {
    const user = await newUser();
    const claims = claimsFor(user);
    const copy = { ...claims };
    expect(await meWith(copy)).toBe(user.id);

    await signOutWith(claims);

    expect(await meWith(copy)).toBe("UNAUTHORIZED");
    expect((await sessionEndpoint(copy)).body).toBe("{}");
    expect((await fresh(user)).sessionVersion).toBe(user.sessionVersion + 1);
  });

  it("is audited like other writes, with the address and without any secret", async () => {
    const user = await newUser();
    const claims = claimsFor(user);
    await signOutWith(claims, "198.51.100.9");
    const events = await signOutEvents(user.id);
    expect(
      events.map((e) => [e.actorKind, e.actorId, e.entityType, e.before, e.after, e.ip]),
    ).toEqual([
      [
        "user",
        user.id,
        "user",
        { sessionVersion: user.sessionVersion },
        { sessionVersion: user.sessionVersion + 1 },
        "198.51.100.9",
      ],
    ]);
    expect(events[0]?.clinicId).toBe(clinicId);
  });

  it("also ends the person's other sessions, since they share one session version", async () => {
    const user = await newUser();
    const laptop = claimsFor(user);
    const phone = claimsFor(user, { signedInSecondsAgo: 600 });
    await signOutWith(laptop);
    expect(await meWith(phone)).toBe("UNAUTHORIZED");
  });

  it("with a cookie the server no longer accepts, changes nothing and ends no newer session", async () => {
    const user = await newUser();
    const idle = claimsFor(user, { idleSeconds: TEST_LIMITS.idleSeconds + 60 });
    const stale = { ...claimsFor(user), sv: user.sessionVersion - 1 };
    const current = claimsFor(user);
    await signOutWith(idle);
    await signOutWith(stale);
    expect((await fresh(user)).sessionVersion).toBe(user.sessionVersion);
    expect(await meWith(current)).toBe(user.id);
    expect(await signOutEvents(user.id)).toEqual([]);
  });

  it("signing out twice with the same cookie counts once", async () => {
    const user = await newUser();
    const claims = claimsFor(user);
    await signOutWith(claims);
    await signOutWith(claims);
    expect((await fresh(user)).sessionVersion).toBe(user.sessionVersion + 1);
  });
});

describe("next-auth's session endpoint", () => {
  it("answers as signed out, and clears the cookie, for a deactivated user", async () => {
    const user = await newUser();
    const claims = claimsFor(user);
    // Only the flag: the session version is left alone, so this checks "active" on its own.
    await writeIn(t.db, (tx) =>
      tx.update(users).set({ active: false }).where(eq(users.id, user.id)),
    );
    const answer = await sessionEndpoint(claims);
    expect(answer.status).toBe(200);
    expect(answer.body).toBe("{}");
    expect(answer.body).not.toContain(user.email);
    expect(answer.headers.get("content-type")).toMatch(/application\/json/);
    expect(answer.headers.get("set-cookie")).toMatch(new RegExp(`^${COOKIE}=; .*Max-Age=0`));
  });

  it("answers as signed out for a session deactivated through the admin's procedure", async () => {
    const admin = await newUser("admin");
    const user = await newUser();
    const claims = claimsFor(user);
    await staffCaller(t.db, admin).team.deactivate({ userId: user.id });
    expect((await sessionEndpoint(claims)).body).toBe("{}");
  });

  it("answers as signed out for an idle, a too old and a moved-to-another-clinic session", async () => {
    const user = await newUser();
    const idle = claimsFor(user, { idleSeconds: TEST_LIMITS.idleSeconds + 1 });
    const old = claimsFor(user, { signedInSecondsAgo: TEST_LIMITS.maxAgeSeconds + 1 });
    const otherClinic = { ...claimsFor(user), cid: (await insertClinic(t.db)).id };
    for (const claims of [idle, old, otherClinic]) {
      expect((await sessionEndpoint(claims)).body).toBe("{}");
    }
  });

  it("answers as signed out for a cookie made with another secret", async () => {
    const user = await newUser();
    const forged = await encodeStaffClaims(claimsFor(user), `${SECRET}-forged`, 3600);
    const { GET } = await import("@/app/api/auth/[...nextauth]/route");
    const response = await GET(
      new Request("http://localhost:3000/api/auth/session", {
        headers: { cookie: `${COOKIE}=${forged}` },
      }),
      { params: Promise.resolve({ nextauth: ["session"] }) },
    );
    expect(await response.text()).toBe("{}");
  });
});
