import { and, asc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { insertUser, readIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { auditEvents, userTokens, users } from "@/db/schema";
import { clinicData, systemData } from "@/server/data/clinic-data";
import { verifyCredentials } from "@/server/services/auth/verify-credentials";
import { INVALID_LINK_MESSAGE } from "@/server/services/team/errors";
import type { InvitationEmail } from "@/server/services/team/invitation-email";
import { inviteStaff } from "@/server/services/team/invitations";
import { anonymousCaller, staffCaller } from "@/server/testing/callers";
import { codeOf, errorShape, refusal } from "@/server/testing/errors";
import { buildTwoClinics } from "@/server/testing/world";

let t: TestDb;
afterAll(() => t?.cleanup());
afterEach(() => vi.useRealTimers());
let w: Awaited<ReturnType<typeof buildTwoClinics>>;
beforeAll(async () => {
  t = await createTestDb();
  w = await buildTwoClinics(t.db);
});

const usersWithEmail = (email: string) =>
  readIn(t.db, (db) => db.select().from(users).where(eq(users.email, email)));

const PASSWORD = "tulip orbit granite kettle";
const DAY_MS = 86_400_000;
let n = 0;
const freshEmail = () => `invitee${++n}@example.com`;

/** The refusal as the browser sees it: its code, and the formatter's message and field messages. */
async function failure(promise: Promise<unknown>) {
  const error = await refusal(promise);
  const shape = errorShape(error);
  const fieldErrors = shape.data.fieldErrors as Record<string, string[]> | null;
  return { code: error.code, message: shape.message, fieldErrors };
}

const invite = (email = freshEmail(), role: "admin" | "clinician" = "clinician") =>
  staffCaller(t.db, w.adminA).team.invite({ email, role });

const accept = (token: string, name = "Nia Okafor", password = PASSWORD) =>
  anonymousCaller(t.db).team.acceptInvitation({ token, name, password });

describe("inviting staff", () => {
  it("returns a single link for the admin to copy, stores only its hash, and audits it", async () => {
    const email = freshEmail();
    const result = await staffCaller(t.db, w.adminA).team.invite({
      email: `  ${email.toUpperCase()} `,
      role: "clinician",
    });
    expect(result).toMatchObject({ email, role: "clinician", emailStatus: "off" });
    expect(result.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * DAY_MS - 60_000);
    expect(result.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(7 * DAY_MS);

    const stored = await readIn(t.db, (db) =>
      db.select().from(userTokens).where(eq(userTokens.id, result.id)),
    );
    expect(JSON.stringify(stored)).not.toContain(result.token);
    const events = await readIn(t.db, (db) =>
      db.select().from(auditEvents).where(eq(auditEvents.entityId, result.id)),
    );
    expect(events.map((e) => [e.action, e.actorId, e.after])).toEqual([
      [
        "invitation.create",
        w.adminA.id,
        { email, role: "clinician", expiresAt: result.expiresAt.toISOString() },
      ],
    ]);
    expect(JSON.stringify(events)).not.toContain(result.token);
    expect(JSON.stringify(events)).not.toContain(stored[0]?.tokenHash);

    const pending = await staffCaller(t.db, w.adminA).team.invitations();
    expect(pending.find((i) => i.id === result.id)).toMatchObject({ email, expired: false });
  });

  it("refuses an email that already has an account in this clinic", async () => {
    for (const email of [w.clinicianA.email, w.adminA.email.toUpperCase()]) {
      const error = await failure(invite(email));
      expect(error.code).toBe("CONFLICT");
      expect(error.message).toMatch(/already has a Rehabit account/);
    }
  });

  it("refuses a second invitation to an address that already has one waiting", async () => {
    const email = freshEmail();
    await invite(email);
    const error = await failure(invite(email, "admin"));
    expect(error).toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/waiting/) });
  });

  it("lets only one of two invitations to one address sent at the same moment through", async () => {
    const email = freshEmail();
    // Two admin requests at once: on PostgreSQL two connections, each reading "nothing waiting".
    await Promise.all([usersWithEmail(email), usersWithEmail(email)]); // connections opened first
    const codes = await Promise.all([codeOf(invite(email)), codeOf(invite(email, "admin"))]);
    expect(codes.sort()).toEqual(["CONFLICT", "OK"]);
    const waiting = (await staffCaller(t.db, w.adminA).team.invitations()).filter(
      (i) => i.email === email,
    );
    expect(waiting).toHaveLength(1);
  });

  it("says which field is wrong when the email is not an address", async () => {
    const error = await failure(invite("not-an-email"));
    expect(error.code).toBe("BAD_REQUEST");
    expect(error.fieldErrors).toEqual({
      email: ["Enter a full email address, like name@clinic.example."],
    });
  });
});

describe("accepting an invitation", () => {
  it("creates a working account whose login is the invited email", async () => {
    const { token, email } = await invite(freshEmail(), "admin");
    const page = await anonymousCaller(t.db).team.describeInvitation({ token });
    expect(page).toMatchObject({ email, role: "admin", clinicName: "Clinic A" });

    await expect(accept(token, "  Nia Okafor ")).resolves.toEqual({ email });
    const user = await verifyCredentials({ system: systemData(t.db), email, password: PASSWORD });
    expect(user).toMatchObject({
      email,
      name: "Nia Okafor",
      role: "admin",
      clinicId: w.clinicA.id,
    });
    const events = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(
          and(eq(auditEvents.action, "invitation.accept"), eq(auditEvents.entityId, user!.id)),
        ),
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.actorId).toBe(user!.id);
    expect(JSON.stringify(events)).not.toMatch(/argon2|tulip/);
  });

  it("works only once", async () => {
    const { token } = await invite();
    await accept(token);
    const again = await failure(accept(token, "Someone Else", "another fine passphrase"));
    expect(again).toEqual({ code: "NOT_FOUND", message: INVALID_LINK_MESSAGE, fieldErrors: null });
    expect((await failure(anonymousCaller(t.db).team.describeInvitation({ token }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("works until seven days have passed, and not a minute after", async () => {
    const start = new Date("2027-03-01T09:00:00Z");
    vi.useFakeTimers({ toFake: ["Date"], now: start });
    const early = await invite();
    const late = await invite();
    vi.setSystemTime(start.getTime() + 7 * DAY_MS - 60_000);
    await expect(accept(early.token)).resolves.toEqual({ email: early.email });
    vi.setSystemTime(start.getTime() + 7 * DAY_MS + 60_000);
    expect(await failure(accept(late.token))).toMatchObject({
      code: "NOT_FOUND",
      message: INVALID_LINK_MESSAGE,
    });
    const pending = await staffCaller(t.db, w.adminA).team.invitations();
    expect(pending.find((i) => i.id === late.id)?.expired).toBe(true);

    const again = await invite(late.email);
    const listed = (await staffCaller(t.db, w.adminA).team.invitations()).filter(
      (i) => i.email === late.email,
    );
    expect(listed.map((i) => [i.id, i.expired])).toEqual([[again.id, false]]);
    await expect(accept(again.token)).resolves.toEqual({ email: late.email });
  });

  it("stops working when revoked, and revoking leaves it out of the pending list", async () => {
    const admin = staffCaller(t.db, w.adminA);
    const { token, id } = await invite();
    await admin.team.revokeInvitation({ invitationId: id });
    await admin.team.revokeInvitation({ invitationId: id });
    expect((await failure(accept(token))).message).toBe(INVALID_LINK_MESSAGE);
    expect((await admin.team.invitations()).map((i) => i.id)).not.toContain(id);
    const revocations = await readIn(t.db, (db) =>
      db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.entityId, id), eq(auditEvents.action, "invitation.revoke"))),
    );
    expect(revocations).toHaveLength(1);
  });

  it("gives unknown and malformed tokens the same answer as a used one", async () => {
    for (const token of ["A".repeat(43), "short", "'; drop table users; --", ""]) {
      expect(await failure(accept(token))).toEqual({
        code: "NOT_FOUND",
        message: INVALID_LINK_MESSAGE,
        fieldErrors: null,
      });
    }
  });

  it("refuses a weak password beside the field and keeps the link usable", async () => {
    const { token, email } = await invite("grace.hopper@example.com");
    const short = await failure(accept(token, "Grace Hopper", "kettle"));
    expect(short.code).toBe("BAD_REQUEST");
    expect(short.fieldErrors?.password?.[0]).toMatch(/at least 12 characters/);
    const common = await failure(accept(token, "Grace Hopper", "Password2026!"));
    expect(common.fieldErrors?.password?.[0]).toMatch(/too common/);
    const personal = await failure(accept(token, "Grace Hopper", "grace.hopper2026!"));
    expect(personal.fieldErrors).toEqual({
      password: ["Do not build your password from your name or email address."],
    });
    await expect(accept(token, "Grace Hopper")).resolves.toEqual({ email });
  });

  it("cannot be used once someone else has registered that address", async () => {
    const email = freshEmail();
    const { token } = await invite(email);
    await insertUser(t.db, { clinicId: w.clinicB.id, email });
    const error = await failure(accept(token));
    expect(error.code).toBe("CONFLICT");
    expect(await usersWithEmail(email)).toHaveLength(1);
  });
});

describe("inviting an address that has an account at another clinic", () => {
  /** Everything the inviter sees of an invitation, with what differs by nature put aside. */
  const inviterView = (result: Awaited<ReturnType<typeof invite>>) => ({
    ...result,
    id: "(id)",
    email: "(email)",
    token: "(token)",
    expiresAt: "(in 7 days)",
  });

  const auditAfter = async (invitationId: string) =>
    (
      await readIn(t.db, (db) =>
        db
          .select()
          .from(auditEvents)
          .where(eq(auditEvents.entityId, invitationId))
          .orderBy(asc(auditEvents.at), asc(auditEvents.id)),
      )
    ).map((e) => [e.action, e.actorId, Object.keys(e.after ?? {}).sort(), e.ip]);

  it("gets exactly the answers an address that exists nowhere gets", async () => {
    const elsewhere = await insertUser(t.db, { clinicId: w.clinicB.id });
    const nowhere = freshEmail();
    const taken = await invite(elsewhere.email.toUpperCase());
    const free = await invite(nowhere);
    expect(inviterView(taken)).toEqual(inviterView(free));
    expect(taken.email).toBe(elsewhere.email);
    expect(await auditAfter(taken.id)).toEqual(await auditAfter(free.id));

    const pending = await staffCaller(t.db, w.adminA).team.invitations();
    const listed = (id: string) => {
      const {
        id: _id,
        email: _email,
        createdAt: _c,
        expiresAt: _e,
        ...rest
      } = pending.find((i) => i.id === id)!;
      return rest;
    };
    expect(listed(taken.id)).toEqual(listed(free.id));

    // Asking again gives the same refusal for both: an invitation is waiting.
    expect(await failure(invite(elsewhere.email))).toEqual(await failure(invite(nowhere)));
  });

  it("sends both an invitation; only the invitee's email can tell the two apart", async () => {
    const elsewhere = await insertUser(t.db, { clinicId: w.clinicB.id });
    const sent: InvitationEmail[] = [];
    const send = async (email: InvitationEmail) => {
      sent.push(email);
      return "sent" as const;
    };
    const scope = {
      data: clinicData(t.db, w.clinicA.id),
      clinicId: w.clinicA.id,
      userId: w.adminA.id,
      role: "admin" as const,
      ip: null,
    };
    const system = systemData(t.db);
    const taken = await inviteStaff({
      scope,
      system,
      email: elsewhere.email,
      role: "clinician",
      send,
    });
    const free = await inviteStaff({ scope, system, email: freshEmail(), role: "clinician", send });
    expect(taken.emailStatus).toBe(free.emailStatus);
    expect(sent.map((m) => m.to)).toEqual([taken.email, free.email]);
    expect(sent.map((m) => [m.clinicName, m.inviterName, m.role])).toEqual([
      ["Clinic A", w.adminA.name, "clinician"],
      ["Clinic A", w.adminA.name, "clinician"],
    ]);
    expect(sent.map((m) => m.hasAccountElsewhere)).toEqual([true, false]);
  });

  it("shows the link's page the same way to anyone but the account's owner", async () => {
    const elsewhere = await insertUser(t.db, { clinicId: w.clinicB.id });
    const taken = await invite(elsewhere.email);
    const free = await invite();
    const page = (token: string, caller = anonymousCaller(t.db)) =>
      caller.team
        .describeInvitation({ token })
        .then(({ email: _e, expiresAt: _x, ...rest }) => rest);

    // The inviter opening the link they copied learns nothing.
    for (const caller of [anonymousCaller(t.db), staffCaller(t.db, w.adminA)]) {
      expect(await page(taken.token, caller)).toEqual(await page(free.token, caller));
      expect(await page(taken.token, caller)).toMatchObject({ existingAccount: null });
    }
    // The invited person, signed in to the account they already have, is told what to do.
    expect(await page(taken.token, staffCaller(t.db, elsewhere))).toEqual({
      role: "clinician",
      clinicName: "Clinic A",
      existingAccount: { clinicName: "Clinic B", sameClinic: false },
    });
    // Someone else's session changes nothing.
    expect(await page(taken.token, staffCaller(t.db, w.clinicianB))).toMatchObject({
      existingAccount: null,
    });
  });

  it("cannot be accepted as a second account, and the answer says to sign in first", async () => {
    const elsewhere = await insertUser(t.db, { clinicId: w.clinicB.id });
    const { token } = await invite(elsewhere.email);
    const error = await failure(accept(token));
    expect(error.code).toBe("CONFLICT");
    expect(error.message).toMatch(/sign in/i);
    expect(await usersWithEmail(elsewhere.email)).toHaveLength(1);
  });
});
