import { createHash } from "node:crypto";
import type { Reference, Resource } from "@medplum/fhirtypes";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The FHIR id of a resource made from one of our rows: the row's own id when it is a UUID (nearly
 * every row: ids are UUIDv7), otherwise a name-based UUID (RFC 9562 version 5 layout) of the
 * resource type and the row id. Either way the same row gives the same id in every export, and a
 * resource made from a patient row (the Condition) never takes the Patient's id.
 */
export function resourceId(resourceType: string, rowId: string, derived = false): string {
  const id = rowId.toLowerCase();
  if (!derived && UUID.test(id)) return id;
  const hash = createHash("sha1").update(`rehabit:${resourceType}:${rowId}`).digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `urn:uuid:<id>`: the entry's fullUrl, and how the other entries of the Bundle point at it. */
export function fullUrlOf(id: string): string {
  return `urn:uuid:${id}`;
}

/** A reference to another entry of the same Bundle, by its fullUrl. */
export function ref<T extends Resource["resourceType"]>(
  resourceType: T,
  id: string,
  display?: string,
): Reference<Extract<Resource, { resourceType: T }>> {
  return display === undefined
    ? { reference: fullUrlOf(id), type: resourceType }
    : { reference: fullUrlOf(id), type: resourceType, display };
}

/** An identifier any system can keep: the row's UUID as a URI (FHIR's RFC 3986 system). */
export function uuidIdentifier(id: string) {
  return { system: "urn:ietf:rfc:3986", value: fullUrlOf(id) };
}
