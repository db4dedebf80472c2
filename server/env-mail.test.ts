import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadEnv, loadMailSettings } from "./env";

const dir = mkdtempSync(path.join(tmpdir(), "rehabit-env-mail-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mail settings", () => {
  it("are off unless SMTP_URL is set, including when it is left blank", () => {
    expect(loadMailSettings({})).toBeNull();
    expect(loadMailSettings({ SMTP_URL: "", SMTP_FROM: "" })).toBeNull();
    expect(loadEnv({ DATA_DIR: dir }).mail).toBeNull();
  });

  it("need a sender and the app's public address to build links", () => {
    expect(() => loadMailSettings({ SMTP_URL: "smtp://mail.example.com:587" })).toThrow(
      /SMTP_FROM: needed when SMTP_URL is set[\s\S]*NEXTAUTH_URL: needed when SMTP_URL is set/,
    );
    expect(() =>
      loadEnv({ DATA_DIR: dir, SMTP_URL: "smtp://mail.example.com", SMTP_FROM: "a@b.example" }),
    ).toThrow(/NEXTAUTH_URL/);
  });

  it("accept only smtp or smtps addresses and a sender with an @", () => {
    const base = { NEXTAUTH_URL: "https://clinic.example", SMTP_FROM: "no-reply@clinic.example" };
    expect(() => loadMailSettings({ ...base, SMTP_URL: "https://mail.example.com" })).toThrow(
      /SMTP_URL must look like/,
    );
    expect(() =>
      loadMailSettings({ ...base, SMTP_URL: "smtp://mail.example.com", SMTP_FROM: "Rehabit" }),
    ).toThrow(/SMTP_FROM must be a sender address/);
  });

  it("come out ready to use, with the app address trimmed of a trailing slash", () => {
    const source = {
      DATA_DIR: dir,
      SMTP_URL: "smtps://user:secret@mail.example.com:465",
      SMTP_FROM: "Rehabit <no-reply@clinic.example>",
      NEXTAUTH_URL: "https://clinic.example/",
    };
    const expected = {
      smtpUrl: "smtps://user:secret@mail.example.com:465",
      from: "Rehabit <no-reply@clinic.example>",
      appUrl: "https://clinic.example",
    };
    expect(loadMailSettings(source)).toEqual(expected);
    expect(loadEnv(source).mail).toEqual(expected);
  });
});
