import type { Bundle, Resource } from "@medplum/fhirtypes";
import { fullUrlOf } from "./ids";

/** A resource of the export: every one has its id. */
export type ExportResource = Resource & { id: string };

/** The export's Bundle: a FHIR Bundle whose fields the export always fills. */
export interface ExportBundle extends Bundle<ExportResource> {
  id: string;
  identifier: { system: string; value: string };
  type: "collection";
  timestamp: string;
  entry: { fullUrl: string; resource: ExportResource }[];
}

/**
 * The export: a `collection` Bundle (a set of resources kept together, with no claim to be one
 * signed document), each entry's fullUrl the `urn:uuid:` its neighbours reference it by.
 */
export function toFhirBundle(options: {
  id: string;
  at: Date;
  resources: ExportResource[];
}): ExportBundle {
  return {
    resourceType: "Bundle",
    id: options.id,
    identifier: { system: "urn:ietf:rfc:3986", value: fullUrlOf(options.id) },
    type: "collection",
    timestamp: options.at.toISOString(),
    entry: options.resources.map((resource) => ({ fullUrl: fullUrlOf(resource.id), resource })),
  };
}
