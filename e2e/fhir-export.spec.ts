import { expect, makeClinic, shoot, signInOverHttp, test } from "./fixtures";
import { makeWorseningPatient } from "./history";

test("a clinician downloads the patient's record as a FHIR R4 Bundle from the record page", async ({
  page,
  context,
}) => {
  const { clinic, clinician } = await makeClinic("FHIR");
  const { patient, reports } = await makeWorseningPatient({
    clinicId: clinic.id,
    clinicianId: clinician.id,
    name: "Fiona Export",
  });
  await signInOverHttp(context, clinician.email);
  await page.goto(`/patients/${patient.id}`);
  await shoot(page, "fhir-export-record");

  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export record (FHIR)" }).click();
  const file = await download;
  // The name says what and when, never whose.
  expect(file.suggestedFilename()).toMatch(/^rehabit-fhir-\d{4}-\d{2}-\d{2}\.json$/);
  const chunks = await (await file.createReadStream()).toArray();
  const bundle = JSON.parse(Buffer.concat(chunks).toString("utf8"));

  expect(bundle).toMatchObject({ resourceType: "Bundle", type: "collection" });
  const resources: { resourceType: string; [key: string]: unknown }[] = bundle.entry.map(
    (e: { resource: unknown }) => e.resource,
  );
  const patients = resources.filter((r) => r.resourceType === "Patient");
  expect(patients).toEqual([
    expect.objectContaining({ id: patient.id, name: [{ use: "usual", text: "Fiona Export" }] }),
  ]);
  // Everything in it is about this patient: each resource with a subject names them.
  const subjects = new Set(
    resources
      .map((r) => (r.subject as { reference?: string } | undefined)?.reference)
      .filter(Boolean),
  );
  expect([...subjects]).toEqual([`urn:uuid:${patient.id}`]);
  const pain = resources.filter((r) => r.resourceType === "Observation");
  expect(pain).toHaveLength(reports.length);
  expect(pain[0]).toMatchObject({
    code: { coding: [{ system: "http://loinc.org", code: "72514-3" }] },
  });
  // Two program versions, the second in force and replacing the first.
  const plans = resources.filter((r) => r.resourceType === "CarePlan");
  expect(plans.map((p) => p.status)).toEqual(["completed", "active"]);
});
