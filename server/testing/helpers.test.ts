import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as errors from "./errors";

/**
 * The shared test helpers stay shared: a test file that writes its own copy of one (under the same
 * name, or any helper turning a caught error into its code) drifts from the others, as the copies
 * that returned "not a TRPCError" with and without the cause once did.
 */

const ROOT = path.resolve(__dirname, "../..");
const SCANNED = ["server", "db", "lib", "components", "scripts"];
const SHARED = Object.keys(errors).filter(
  (name) => typeof (errors as Record<string, unknown>)[name] === "function",
);

/** The shared names this text defines for itself, and a hand-written error-to-code mapping. */
export function ownCopies(text: string, names: readonly string[]): string[] {
  const found = names.filter((name) =>
    new RegExp(
      `function\\s+${name}\\s*[(<]|(?:const|let|var)\\s+${name}\\s*(?::[^=]+)?=\\s*(?:async\\s*)?(?:\\(|function\\b|\\w+\\s*=>)`,
    ).test(text),
  );
  if (/instanceof\s+TRPCError\s*\?/.test(text))
    found.push("instanceof TRPCError ? … (use errorCode)");
  return found;
}

function testFiles(): string[] {
  return SCANNED.flatMap((dir) =>
    readdirSync(path.join(ROOT, dir), { recursive: true, encoding: "utf8" })
      .filter((file) => file.endsWith(".test.ts") && !file.includes("node_modules"))
      .map((file) => path.join(dir, file)),
  );
}

describe("shared test helpers", () => {
  it("exports the helpers the guard looks for", () => {
    expect(SHARED).toEqual(
      expect.arrayContaining(["codeOf", "outcome", "settle", "refusal", "errorCode", "errorShape"]),
    );
  });

  it("spots a copy, whatever its form, and leaves imports and calls alone", () => {
    const copies = [
      "async function codeOf(promise: Promise<unknown>): Promise<string> {",
      "const outcome = async (p: Promise<unknown>) => ({ code: 'OK' });",
      "const refusal = async function (p: Promise<unknown>) {",
      "const code = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));",
    ].join("\n");
    expect(ownCopies(copies, SHARED)).toEqual([
      "codeOf",
      "outcome",
      "refusal",
      "instanceof TRPCError ? … (use errorCode)",
    ]);
    const uses = [
      'import { codeOf, outcome } from "@/server/testing/errors";',
      "const answer = await outcome(call());",
      "expect(await codeOf(p)).toBe('NOT_FOUND');",
      "const settled = await settle(p);",
      "const outcome = await outcomeOf(p);",
      "expect(e instanceof TRPCError && e.code === 'NOT_FOUND').toBe(true);",
    ].join("\n");
    expect(ownCopies(uses, SHARED)).toEqual([]);
  });

  it("no test file defines its own copy of a shared helper", () => {
    const files = testFiles();
    expect(files.length).toBeGreaterThan(50);
    const offenders = files
      .filter((file) => !file.startsWith(path.join("server", "testing") + path.sep))
      .flatMap((file) =>
        ownCopies(readFileSync(path.join(ROOT, file), "utf8"), SHARED).map(
          (name) => `${file}: ${name}`,
        ),
      );
    expect(offenders).toEqual([]);
  });
});
