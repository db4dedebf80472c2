import { createHash } from "node:crypto";
import { AUDIT_HASH_FORMATS } from "@/db/schema/alerts";

/**
 * How an audit event's hash is computed (decision 024), stored with each row in `hash_format` so
 * the verifier knows which rule a row was written under:
 * - 1: SQLite's first chains. `JSON.stringify` of the fields in the writer's key order, nested
 *   objects in the order they were written. Only reproducible where the JSON text keeps its key
 *   order (SQLite); never written any more.
 * - 2: canonical JSON (keys sorted at every depth), which survives PostgreSQL's jsonb reordering
 *   keys; it also covers the row's place in the chain (`seq`) and the format itself.
 */
export type HashFormat = (typeof AUDIT_HASH_FORMATS)[number];
/** The format every new event is written in. */
export const CURRENT_HASH_FORMAT: HashFormat = 2;

/** Everything an event's hash covers. */
export interface HashedEvent {
  clinicId: string;
  seq: number;
  hashFormat: HashFormat;
  actorKind: string;
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  patientId: string | null;
  before: unknown;
  after: unknown;
  at: Date;
  ip: string | null;
  prevHash: string | null;
}

/**
 * JSON with every object's keys sorted (by UTF-16 code units, as `Array.prototype.sort` does),
 * arrays in their order: the same text for the same data, whatever order its keys were stored in.
 * Values go through JSON first, so a Date is its ISO text and undefined members are left out, as
 * they are once stored.
 */
export function canonicalJson(value: unknown): string {
  const plain: unknown = JSON.parse(JSON.stringify(value) ?? "null");
  return write(plain);
}

function write(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(write).join(",")}]`;
  const object = value as Record<string, unknown>;
  const members = Object.keys(object)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${write(object[key])}`);
  return `{${members.join(",")}}`;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** The hash of one event, by the rule of its format. */
export function eventHash(event: HashedEvent): string {
  // Named one by one, so a row passed with more fields (its id, its hash) hashes the same.
  const fields = {
    clinicId: event.clinicId,
    actorKind: event.actorKind,
    actorId: event.actorId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    patientId: event.patientId,
    before: event.before,
    after: event.after,
    at: event.at.toISOString(),
    ip: event.ip,
    prevHash: event.prevHash,
  };
  // Format 1 is the first writer's exact text: these fields in this order, no seq, no format.
  if (event.hashFormat === 1) return sha256(JSON.stringify(fields));
  return sha256(canonicalJson({ ...fields, seq: event.seq, hashFormat: event.hashFormat }));
}
