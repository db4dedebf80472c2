import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openEngineFor } from "@/db/engine";
import { insertClinic, insertUser, readIn } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { signInThrottleKeys, users } from "@/db/schema";
import { systemData } from "@/server/data/clinic-data";
import {
  ACCOUNT_FREE_FAILURES,
  ADDRESS_FREE_FAILURES,
  FIRST_DELAY_MS,
  FORGET_AFTER_MS,
  MAX_DELAY_MS,
} from "@/server/auth/sign-in-throttle";
import { signInWithPassword, type SignInOutcome } from "./sign-in";
import { SignInThrottle } from "./sign-in-throttle-store";

let t: TestDb;
afterAll(() => t?.cleanup());

const SECRET = "a-test-secret-that-is-long-enough-for-hmac";
const PASSWORD = "owner's own long passphrase";
const ATTACKER = "198.51.100.66";
const OWNER_DESK = "203.0.113.10";
const MINUTE = 60_000;

let clinicId = "";
beforeAll(async () => {
  t = await createTestDb();
  clinicId = (await insertClinic(t.db)).id;
});

let n = 0;
const account = (email = `owner${++n}@example.com`) =>
  insertUser(t.db, { clinicId, email, password: PASSWORD });

/** One attempt at `at` (ms), as next-auth's authorize would make it. */
const attempt = (email: string, password: string, address: string | null, at: number) =>
  signInWithPassword({
    system: systemData(t.db),
    secret: SECRET,
    email,
    password,
    address,
    now: new Date(at),
  });

const userRow = async (id: string) =>
  (await readIn(t.db, (db) => db.select().from(users).where(eq(users.id, id))))[0]!;
const throttleRows = () => readIn(t.db, (db) => db.select().from(signInThrottleKeys));

const kind = (outcome: SignInOutcome) => outcome.kind;

describe("a sign-in attempt", () => {
  it("signs in with the right password and says nothing more than 'no' for a wrong one", async () => {
    const owner = await account();
    const now = Date.UTC(2026, 10, 29, 9);
    expect(kind(await attempt(owner.email, "wrong password", OWNER_DESK, now))).toBe("refused");
    const ok = await attempt(` ${owner.email.toUpperCase()} `, PASSWORD, OWNER_DESK, now + 1000);
    expect(ok).toMatchObject({ kind: "signed-in", user: { id: owner.id } });
  });
});

describe("the account throttle", () => {
  it("lets a few failures through, then makes each next attempt wait longer", async () => {
    const owner = await account();
    let now = Date.UTC(2026, 10, 29, 10);
    for (let i = 0; i < ACCOUNT_FREE_FAILURES + 1; i++) {
      expect(kind(await attempt(owner.email, `guess ${i}`, ATTACKER, now))).toBe("refused");
      now += 1000;
    }
    const early = await attempt(owner.email, "another guess", ATTACKER, now);
    expect(early).toEqual({ kind: "throttled", waitMs: FIRST_DELAY_MS - 1000 });
    now += FIRST_DELAY_MS;
    expect(kind(await attempt(owner.email, "guess after the wait", ATTACKER, now))).toBe("refused");
    expect(await attempt(owner.email, "too soon again", ATTACKER, now + 1000)).toEqual({
      kind: "throttled",
      waitMs: 2 * FIRST_DELAY_MS - 1000,
    });
  });

  it("refuses an attempt that comes too early without checking the password, even a right one", async () => {
    const owner = await account();
    const now = Date.UTC(2026, 10, 29, 11);
    for (let i = 0; i <= ACCOUNT_FREE_FAILURES; i++) {
      await attempt(owner.email, `guess ${i}`, ATTACKER, now + i);
    }
    const before = await userRow(owner.id);
    const outcome = await attempt(owner.email, PASSWORD, OWNER_DESK, now + 10);
    expect(outcome.kind).toBe("throttled");
    const after = await userRow(owner.id);
    expect(after.lastLoginAt).toEqual(before.lastLoginAt);
  });

  it("is not a lock: after a long attack, the owner signs in once the wait has passed", async () => {
    const owner = await account();
    let now = Date.UTC(2026, 10, 29, 12);
    // The attacker tries whenever allowed, and many more times in between, for hours.
    for (let i = 0; i < 60; i++) {
      const outcome = await attempt(owner.email, `guess ${i}`, ATTACKER, now);
      now += outcome.kind === "throttled" ? outcome.waitMs : 10;
      await attempt(owner.email, `hammer ${i}`, ATTACKER, now + 1);
    }
    now += 2;
    const blocked = await attempt(owner.email, PASSWORD, OWNER_DESK, now);
    expect(blocked.kind).toBe("throttled");
    const waitMs = blocked.kind === "throttled" ? blocked.waitMs : 0;
    expect(waitMs).toBeGreaterThan(0);
    expect(waitMs).toBeLessThanOrEqual(MAX_DELAY_MS);
    const signedIn = await attempt(owner.email, PASSWORD, OWNER_DESK, now + waitMs);
    expect(signedIn).toMatchObject({ kind: "signed-in", user: { id: owner.id } });
    // A success clears the account: a slip straight afterwards costs no wait.
    expect(kind(await attempt(owner.email, "slip", OWNER_DESK, now + waitMs + 1))).toBe("refused");
    expect(kind(await attempt(owner.email, PASSWORD, OWNER_DESK, now + waitMs + 2))).toBe(
      "signed-in",
    );
  });

  it("treats an unknown email exactly like a real one, so the wait reveals nothing", async () => {
    const owner = await account();
    const unknown = `nobody${++n}@example.com`;
    const now = Date.UTC(2026, 10, 29, 13);
    const outcomes: Record<string, string[]> = { [owner.email]: [], [unknown]: [] };
    for (const email of [owner.email, unknown]) {
      for (let i = 0; i < ACCOUNT_FREE_FAILURES + 3; i++) {
        const outcome = await attempt(email, `guess ${i}`, null, now + i);
        outcomes[email]!.push(outcome.kind);
      }
    }
    expect(outcomes[owner.email]).toEqual(outcomes[unknown]);
    expect(outcomes[unknown]!.at(-1)).toBe("throttled");
  });

  it("lets only one of many simultaneous attempts through once the free ones are used", async () => {
    const owner = await account();
    const now = Date.UTC(2026, 10, 29, 14);
    for (let i = 0; i < ACCOUNT_FREE_FAILURES; i++) {
      await attempt(owner.email, `guess ${i}`, null, now + i);
    }
    // Connections opened first (PostgreSQL's pool), so the eight really overlap in the database.
    await Promise.all(
      Array.from({ length: 8 }, () =>
        readIn(t.db, (db) => db.select().from(signInThrottleKeys).limit(1)),
      ),
    );
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) => attempt(owner.email, `burst ${i}`, null, now + 100)),
    );
    expect(burst.map(kind).sort()).toEqual(["refused", ...Array(7).fill("throttled")]);
  });
});

describe("the address throttle", () => {
  it("slows one password sprayed over many accounts from one address", async () => {
    const sprayer = "192.0.2.77";
    const now = Date.UTC(2026, 10, 30, 9);
    const real = await account();
    const targets = [
      real.email,
      ...Array.from(
        { length: ADDRESS_FREE_FAILURES + 5 },
        (_, i) => `staff${i}.${++n}@example.com`,
      ),
    ];
    const outcomes: string[] = [];
    for (const [i, email] of targets.entries()) {
      outcomes.push(kind(await attempt(email, "Spring2026!", sprayer, now + i * 1000)));
    }
    // Each account failed once only, so it is the address that is slowed.
    expect(outcomes.slice(0, ADDRESS_FREE_FAILURES + 1)).toEqual(
      Array(ADDRESS_FREE_FAILURES + 1).fill("refused"),
    );
    expect(outcomes.slice(ADDRESS_FREE_FAILURES + 1)).toEqual(
      Array(targets.length - ADDRESS_FREE_FAILURES - 1).fill("throttled"),
    );
    // Even the right password of the real account waits while its address is slowed...
    const at = now + targets.length * 1000;
    expect(kind(await attempt(real.email, PASSWORD, sprayer, at))).toBe("throttled");
    // ...but the account itself is not held back from elsewhere.
    expect(kind(await attempt(real.email, PASSWORD, OWNER_DESK, at))).toBe("signed-in");
  });

  it("is not cleared by one success, so a sprayer cannot reset it with an account of their own", async () => {
    const address = "192.0.2.88";
    const own = await account();
    const now = Date.UTC(2026, 10, 30, 10);
    for (let i = 0; i < ADDRESS_FREE_FAILURES; i++) {
      await attempt(`target${i}.${++n}@example.com`, "Winter2026!", address, now + i);
    }
    expect(kind(await attempt(own.email, PASSWORD, address, now + 100))).toBe("signed-in");
    expect(kind(await attempt(`last.${++n}@example.com`, "x", address, now + 200))).toBe("refused");
    expect(kind(await attempt(`after.${++n}@example.com`, "x", address, now + 300))).toBe(
      "throttled",
    );
  });

  it("is not applied when the address is unknown (no trusted proxy)", async () => {
    const now = Date.UTC(2026, 10, 30, 11);
    const outcomes: string[] = [];
    for (let i = 0; i < ADDRESS_FREE_FAILURES + 3; i++) {
      outcomes.push(kind(await attempt(`anon${i}.${++n}@example.com`, "x", null, now + i)));
    }
    expect(outcomes).toEqual(Array(ADDRESS_FREE_FAILURES + 3).fill("refused"));
  });
});

describe("the throttle's store", () => {
  it("survives a restart: a new instance over the same database remembers", async () => {
    const owner = await account();
    const now = Date.UTC(2026, 11, 1, 9);
    const first = new SignInThrottle(systemData(t.db), SECRET);
    const keys = first.keysFor({ email: owner.email, address: ATTACKER });
    for (let i = 0; i <= ACCOUNT_FREE_FAILURES; i++) {
      expect(await first.reserve(keys, now + i)).toEqual({ ok: true });
    }
    // Another process (or another server) on the same database: nothing carried over in memory.
    const reopened = openEngineFor(t.file);
    try {
      const second = new SignInThrottle(systemData(reopened), SECRET);
      const sameKeys = second.keysFor({
        email: ` ${owner.email.toUpperCase()}`,
        address: ATTACKER,
      });
      expect(await second.reserve(sameKeys, now + 1000)).toEqual({
        ok: false,
        waitMs: FIRST_DELAY_MS + ACCOUNT_FREE_FAILURES - 1000,
      });
      const outcome = await signInWithPassword({
        system: systemData(reopened),
        secret: SECRET,
        email: owner.email,
        password: PASSWORD,
        address: OWNER_DESK,
        now: new Date(now + 2000),
      });
      expect(outcome.kind).toBe("throttled");
    } finally {
      await reopened.close();
    }
  });

  it("stores neither the email nor the address, only keyed hashes of them", async () => {
    const owner = await account(`visible.name${++n}@example.com`);
    const address = "203.0.113.250";
    await attempt(owner.email, "wrong", address, Date.UTC(2026, 11, 1, 10));
    const rows = await throttleRows();
    const dump = JSON.stringify(rows).toLowerCase();
    expect(dump).not.toContain(owner.email);
    expect(dump).not.toContain("visible.name");
    expect(dump).not.toContain(address);
    const keys = new SignInThrottle(systemData(t.db), SECRET).keysFor({
      email: owner.email,
      address,
    });
    expect(keys.map((k) => k.kind)).toEqual(["account", "address"]);
    for (const k of keys) expect(k.key).toMatch(/^[0-9a-f]{64}$/);
    expect(rows.map((r) => r.key)).toEqual(expect.arrayContaining(keys.map((k) => k.key)));
    // Another secret gives other keys: a leaked table cannot be matched to addresses by guessing.
    const other = new SignInThrottle(systemData(t.db), `${SECRET}-other`).keysFor({
      email: owner.email,
      address,
    });
    expect(other.map((k) => k.key)).not.toEqual(keys.map((k) => k.key));
  });

  it("prunes keys whose last failure is more than a day old", async () => {
    const start = Date.UTC(2026, 11, 2, 9);
    await attempt(`old.${++n}@example.com`, "wrong", "192.0.2.200", start);
    const count = async () => (await throttleRows()).length;
    const before = await count();
    await attempt(`new.${++n}@example.com`, "wrong", null, start + FORGET_AFTER_MS + MINUTE);
    const stale = (await throttleRows()).filter((r) => r.lastFailureAt.getTime() < start + MINUTE);
    expect(stale).toEqual([]);
    expect(await count()).toBeLessThan(before + 1);
  });
});
