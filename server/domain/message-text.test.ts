import { describe, expect, it } from "vitest";
import { MESSAGE_MAX_LENGTH } from "@/db/schema/enums";
import { messageBodyProblem, normaliseMessageBody, startsUnreadRun } from "./message-text";

describe("message text", () => {
  it("is trimmed and keeps its own line breaks, in one kind", () => {
    expect(normaliseMessageBody("  Hello\r\nthere\r  ")).toBe("Hello\nthere");
  });

  it("must say something", () => {
    expect(messageBodyProblem("   \n ")).toBe("Please write your message first.");
    expect(messageBodyProblem("Is it fine to cycle?")).toBeNull();
  });

  it("is limited in length, counted after trimming, and says by how much", () => {
    expect(messageBodyProblem(`  ${"a".repeat(MESSAGE_MAX_LENGTH)}  `)).toBeNull();
    expect(messageBodyProblem("a".repeat(MESSAGE_MAX_LENGTH + 1))).toBe(
      `Please shorten your message to ${MESSAGE_MAX_LENGTH} characters or fewer (it has ${MESSAGE_MAX_LENGTH + 1}).`,
    );
  });
});

describe("the clinician's email", () => {
  it("goes with the first unread message only", () => {
    expect(startsUnreadRun(1)).toBe(true);
    expect(startsUnreadRun(2)).toBe(false);
    expect(startsUnreadRun(0)).toBe(false);
  });
});
