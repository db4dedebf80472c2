import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { canonicalJson, eventHash, type HashedEvent } from "./audit-hash";

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

const event: HashedEvent = {
  clinicId: "clinic-1",
  seq: 3,
  hashFormat: 2,
  actorKind: "user",
  actorId: "user-1",
  action: "patient.update",
  entityType: "patient",
  entityId: "patient-1",
  patientId: "patient-1",
  before: { status: "active", name: { given: "A", family: "B" } },
  after: { status: "discharged", tags: ["b", "a"] },
  at: new Date("2026-11-29T10:00:00.123Z"),
  ip: "203.0.113.9",
  prevHash: "ab".repeat(32),
};

/** The same object with every key in reverse order, at every depth. */
function reversed(value: unknown): unknown {
  if (value === null || typeof value !== "object" || value instanceof Date) return value;
  if (Array.isArray(value)) return value.map(reversed);
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .reverse()
      .map(([k, v]) => [k, reversed(v)]),
  );
}

describe("canonical JSON", () => {
  it("sorts keys at every depth and keeps arrays in order", () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[3,{"e":2,"f":1}]},"b":1}',
    );
  });

  it("sorts keys that look like numbers as text, which a rebuilt object would not", () => {
    expect(canonicalJson({ b: 1, "10": 2, "9": 3 })).toBe('{"10":2,"9":3,"b":1}');
  });

  it("writes values as they are once stored: dates as ISO text, undefined members left out", () => {
    expect(canonicalJson({ at: new Date("2026-01-02T03:04:05.006Z"), gone: undefined })).toBe(
      '{"at":"2026-01-02T03:04:05.006Z"}',
    );
    expect(canonicalJson(null)).toBe("null");
    expect(canonicalJson("é\n")).toBe('"é\\n"');
  });
});

describe("an event's hash", () => {
  it("in format 2, does not depend on the order of any object's keys", () => {
    expect(eventHash(reversed(event) as HashedEvent)).toBe(eventHash(event));
    // As PostgreSQL's jsonb gives objects back: shorter keys first.
    const jsonb = { ...event, before: { name: { family: "B", given: "A" }, status: "active" } };
    expect(eventHash(jsonb)).toBe(eventHash(event));
  });

  it("in format 2, covers every field, the row's place in the chain and the format", () => {
    const hash = eventHash(event);
    const changes: Partial<HashedEvent>[] = [
      { seq: 4 },
      { hashFormat: 1 },
      { clinicId: "clinic-2" },
      { actorId: null },
      { action: "patient.create" },
      { after: { status: "discharged", tags: ["a", "b"] } },
      { at: new Date("2026-11-29T10:00:00.124Z") },
      { ip: null },
      { prevHash: null },
    ];
    for (const change of changes) {
      expect([change, eventHash({ ...event, ...change })]).not.toEqual([change, hash]);
    }
    // Fields beyond the event's (a stored row's id and hash) are not hashed.
    expect(eventHash({ ...event, id: "row-1", hash: "x" } as HashedEvent)).toBe(hash);
  });

  it("in format 1, is the first writer's: JSON in its key order, no seq, no format", () => {
    const legacy = { ...event, hashFormat: 1 as const };
    const text = JSON.stringify({
      clinicId: event.clinicId,
      actorKind: event.actorKind,
      actorId: event.actorId,
      action: event.action,
      entityType: event.entityType,
      entityId: event.entityId,
      patientId: event.patientId,
      before: event.before,
      after: event.after,
      at: "2026-11-29T10:00:00.123Z",
      ip: event.ip,
      prevHash: event.prevHash,
    });
    expect(eventHash(legacy)).toBe(sha256(text));
    expect(eventHash({ ...legacy, seq: 99 })).toBe(sha256(text));
    // Which is why it cannot survive jsonb: the order of the keys is part of it.
    expect(eventHash(reversed(legacy) as HashedEvent)).not.toBe(sha256(text));
  });
});
