import { describe, expect, it } from "vitest";
import { COMMON_PASSWORDS } from "./common-passwords";
import { checkPassword, PASSWORD_MAX_LENGTH, type PasswordProblem } from "./password-policy";

const problemOf = (password: string, context = {}): PasswordProblem | "ok" => {
  const verdict = checkPassword(password, context);
  return verdict.ok ? "ok" : verdict.problem;
};

describe("password policy", () => {
  it("accepts a long passphrase of unrelated words", () => {
    expect(checkPassword("tulip orbit granite kettle")).toEqual({ ok: true });
    expect(checkPassword("Ferns grow under 3 bridges")).toEqual({ ok: true });
  });

  it("needs at least 12 characters, counting letters rather than UTF-16 units", () => {
    expect(checkPassword("short")).toEqual({
      ok: false,
      problem: "too_short",
      message: "Use at least 12 characters (this one has 5).",
    });
    expect(checkPassword("")).toMatchObject({ message: "Use at least 12 characters." });
    expect(problemOf("tulip-orbit")).toBe("too_short");
    expect(problemOf("tulip-orbit!")).toBe("ok");
    expect(problemOf("😀".repeat(5) + "kettle")).toBe("too_short");
  });

  it("caps the length so one request cannot cost too much", () => {
    expect(problemOf("tulip orbit ".repeat(30))).toBe("too_long");
    expect(problemOf("x".repeat(PASSWORD_MAX_LENGTH + 1))).toBe("too_long");
  });

  it("refuses passwords on the common list, however they are dressed up", () => {
    expect(problemOf("passwordpassword")).toBe("common");
    expect(problemOf("Password2026!")).toBe("common");
    expect(problemOf("P@ssw0rd123456")).toBe("common");
    expect(problemOf("  Physiotherapy  ")).toBe("common");
    expect(problemOf("123456789012")).toBe("common");
    expect(problemOf("iloveyou1234")).toBe("common");
    expect(problemOf("monkey123monkey123")).toBe("common");
    expect(problemOf("Summer2026!!!")).toBe("common");
  });

  it("refuses repeats and keyboard or alphabet runs", () => {
    expect(problemOf("zzzzzzzzzzzzzz")).toBe("predictable");
    expect(problemOf("abcabcabcabcabc")).toBe("predictable");
    expect(problemOf("aabbaabbaabbaabb")).toBe("predictable");
    expect(problemOf("mnopqrstuvwxyz")).toBe("predictable");
    expect(problemOf("lkjhgfdsapoiuy")).toBe("predictable");
    expect(problemOf("4567890123456")).toBe("predictable");
  });

  it("refuses a password made mostly of the person's name or email", () => {
    const context = { email: "ana.silva@riverside.example", name: "Ana Silva" };
    expect(problemOf("AnaSilva2026!", context)).toBe("personal");
    expect(problemOf("ana.silva@riverside.example", context)).toBe("personal");
    expect(problemOf("silva-rehabit-99", context)).toBe("personal");
    expect(problemOf("AnaSilva2026!")).toBe("ok");
  });

  it("does not mistake a short name hidden inside other words for a personal password", () => {
    const context = { email: "ana@x.example", name: "Ana Li" };
    expect(problemOf("banana bread recipe book", context)).toBe("ok");
    expect(problemOf("liquorice and lilies", context)).toBe("ok");
  });

  it("ships a list of several hundred lower-case entries", () => {
    expect(COMMON_PASSWORDS.size).toBeGreaterThan(300);
    for (const entry of COMMON_PASSWORDS) expect(entry).toBe(entry.toLowerCase());
  });
});
