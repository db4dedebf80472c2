import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadVapidKeys, pushEndpointAllowed } from "./vapid";

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(path.join(tmpdir(), "rehabit-vapid-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the VAPID keys", () => {
  it("are generated once into the data directory, readable by the owner only, and kept", () => {
    const dir = freshDir();
    const first = loadVapidKeys({}, dir)!;
    expect(first.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
    expect(first.subject).toBe("mailto:push@rehabit.invalid");
    const file = path.join(dir, ".vapid-keys.json");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(loadVapidKeys({}, dir)).toEqual(first);
    expect(readFileSync(file, "utf8")).toContain(first.privateKey);
  });

  it("come from the environment when given, both or neither", () => {
    const dir = freshDir();
    expect(
      loadVapidKeys(
        {
          VAPID_PUBLIC_KEY: "pub",
          VAPID_PRIVATE_KEY: "priv",
          NEXTAUTH_URL: "https://clinic.example",
        },
        dir,
      ),
    ).toEqual({ publicKey: "pub", privateKey: "priv", subject: "https://clinic.example" });
    expect(() => loadVapidKeys({ VAPID_PUBLIC_KEY: "pub" }, dir)).toThrow(/both/);
  });

  it("are never made up in production: push is off there without them", () => {
    const dir = freshDir();
    expect(loadVapidKeys({ APP_ENV: "production" }, dir)).toBeNull();
  });
});

describe("push endpoints", () => {
  it("are the browsers' push services over https, or an origin named in PUSH_EXTRA_ORIGINS", () => {
    const allowed = [
      "https://fcm.googleapis.com/fcm/send/abc",
      "https://updates.push.services.mozilla.com/wpush/v2/abc",
      "https://web.push.apple.com/QGuX",
      "https://wns2-par02p.notify.windows.com/w/?token=abc",
    ];
    for (const endpoint of allowed) expect(pushEndpointAllowed(endpoint, {})).toBe(true);
    const refused = [
      "http://fcm.googleapis.com/fcm/send/abc",
      "https://fcm.googleapis.com:444/fcm/send/abc",
      "https://fcm.googleapis.com.evil.example/x",
      "https://evilfcm.googleapis.com.example/x",
      "https://10.0.0.5/push",
      "http://127.0.0.1:5104/push/abc",
      "not a url",
    ];
    for (const endpoint of refused) expect(pushEndpointAllowed(endpoint, {})).toBe(false);
    expect(
      pushEndpointAllowed("http://127.0.0.1:5104/push/abc", {
        PUSH_EXTRA_ORIGINS: "http://127.0.0.1:5104",
      }),
    ).toBe(true);
  });
});
