import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getEngine } from "@/db/engine";
import { insertClinic, insertUser } from "@/db/factories";
import { createTestDb, type TestDb } from "@/db/factories/test-db";
import { systemData } from "@/server/data/clinic-data";
import { claimsFor, TEST_LIMITS } from "@/server/testing/callers";
import { encodeStaffClaims, sessionCookieName } from "./cookies";
import { authOptions } from "./options";
import { endedSessionResponse, readCookie } from "./session-endpoint";
import {
  ACCOUNT_FREE_FAILURES,
  ADDRESS_FREE_FAILURES,
  parseThrottledSignIn,
  throttledSignInMessage,
} from "./sign-in-throttle";

let t: TestDb;
const SECRET = "options-test-secret-long-enough-for-next-auth";
const PASSWORD = "a perfectly fine passphrase";

let clinicId = "";
// `authorize` opens the server's own engine (getEngine), as in production: pointed at this file's
// database.
beforeAll(async () => {
  t = await createTestDb();
  process.env.NEXTAUTH_SECRET = SECRET;
  process.env.NEXTAUTH_URL = "http://localhost:3000";
  if (t.db.kind === "pg") process.env.DATABASE_URL = t.file;
  else process.env.DATABASE_PATH = t.file;
  // Behind a proxy that sets X-Forwarded-For, the address counts as well as the account.
  process.env.TRUST_PROXY = "true";
  clinicId = (await insertClinic(t.db)).id;
});
afterAll(async () => {
  await getEngine().close();
  await t?.cleanup();
});

type Authorize = (
  credentials: Record<string, string>,
  req: { headers: Record<string, string> },
) => Promise<{ id: string } | null>;

/** The credentials provider's own `authorize`, as next-auth calls it on POST /callback/credentials. */
function authorize(email: string, password: string, address: string) {
  const provider = authOptions().providers[0] as unknown as { options: { authorize: Authorize } };
  return provider.options.authorize(
    { email, password },
    { headers: { "x-forwarded-for": `${address}, 10.0.0.1`, host: "localhost:3000" } },
  );
}

/** What the login form shows for the outcome of an attempt. */
async function formSees(email: string, password: string, address: string) {
  return authorize(email, password, address).then(
    (user) => (user ? "signed in" : "no match"),
    (error: Error) => {
      const wait = parseThrottledSignIn(error.message);
      return wait === null ? `other: ${error.message}` : throttledSignInMessage(wait);
    },
  );
}

describe("authorize", () => {
  it("signs in, and after too many failures on one account says when to try again", async () => {
    const user = await insertUser(t.db, { clinicId, password: PASSWORD });
    expect(await authorize(user.email, PASSWORD, "192.0.2.10")).toMatchObject({ id: user.id });
    for (let i = 0; i <= ACCOUNT_FREE_FAILURES; i++) {
      expect(await formSees(user.email, `guess ${i}`, "192.0.2.10")).toBe("no match");
    }
    expect(await formSees(user.email, PASSWORD, "192.0.2.11")).toBe(
      "Too many sign-in attempts. Try again in 30 seconds.",
    );
  });

  it("slows one address spraying many accounts, through the proxy's X-Forwarded-For", async () => {
    const results: string[] = [];
    for (let i = 0; i <= ADDRESS_FREE_FAILURES + 1; i++) {
      results.push(await formSees(`spray${i}@example.com`, "Autumn2026!", "198.51.100.20"));
    }
    expect(results.slice(0, ADDRESS_FREE_FAILURES + 1)).toEqual(
      Array(ADDRESS_FREE_FAILURES + 1).fill("no match"),
    );
    expect(results.at(-1)).toMatch(/^Too many sign-in attempts\. Try again in \d+ seconds\.$/);
    expect(await formSees("spray-next@example.com", "Autumn2026!", "198.51.100.21")).toBe(
      "no match",
    );
  });
});

describe("the redirect callback", () => {
  const redirect = (url: string) =>
    authOptions().callbacks!.redirect!({ url, baseUrl: "http://localhost:3000" });

  it("keeps next-auth on this origin, whatever the callback URL looks like", async () => {
    for (const url of [
      "/\\evil.example",
      "/\t/evil.example",
      "/\\/evil.example",
      "//evil.example",
      "https://evil.example/",
      "javascript:alert(1)",
    ]) {
      expect([url, await redirect(url)]).toEqual([url, "http://localhost:3000/patients"]);
    }
  });

  it("follows a place on this site, relative or absolute", async () => {
    expect(await redirect("/login")).toBe("http://localhost:3000/login");
    expect(await redirect("/patients?x=1")).toBe("http://localhost:3000/patients?x=1");
    expect(await redirect("http://localhost:3000/alerts")).toBe("http://localhost:3000/alerts");
  });
});

describe("the session endpoint's check", () => {
  const name = sessionCookieName(false);
  const check = (cookie: string | null) =>
    endedSessionResponse(
      new Request("http://localhost:3000/api/auth/session", {
        headers: cookie ? { cookie } : {},
      }),
      { system: systemData(t.db), secret: SECRET, secureCookies: false, limits: TEST_LIMITS },
    );

  it("leaves a good session, and no session at all, to next-auth", async () => {
    const user = await insertUser(t.db, { clinicId });
    const value = await encodeStaffClaims(claimsFor(user), SECRET, 3600);
    expect(await check(`${name}=${value}`)).toBeNull();
    expect(await check(null)).toBeNull();
    expect(await check("unrelated=1")).toBeNull();
  });

  it("reads next-auth's chunked cookie as one", async () => {
    const user = await insertUser(t.db, { clinicId });
    const value = await encodeStaffClaims(claimsFor(user), SECRET, 3600);
    const half = Math.floor(value.length / 2);
    const chunked = `${name}.1=${value.slice(half)}; ${name}.0=${value.slice(0, half)}`;
    expect(readCookie(chunked, name)).toBe(value);
    expect(await check(chunked)).toBeNull();
    expect(readCookie(`a=1; ${name}=x=y; b=2`, name)).toBe("x=y");
  });
});
