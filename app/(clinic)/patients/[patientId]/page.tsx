import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { dateTimeFormat } from "@/lib/intl-format";
import { CONDITION_LABELS, REASON_LABELS, SIDE_LABELS, formatDate } from "@/lib/labels";
import { requireStaffPage } from "@/server/page-auth";
import { CHART_RANGES, type ChartRange } from "@/lib/chart-ranges";
import { AdvicePanel } from "./advice-panel";
import { PatientAlerts } from "./patient-alerts";
import { ProgressSection } from "./progress-section";
import { LinkPanel } from "./link-panel";
import { StatusActions } from "./status-actions";

export const metadata: Metadata = { title: "Patient" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PatientPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string }>;
  searchParams: SearchParams;
}) {
  const { patientId } = await params;
  const query = await searchParams;
  const range = (CHART_RANGES as readonly unknown[]).includes(query.range)
    ? (query.range as ChartRange)
    : "12w";
  const logPage = Math.max(1, Number.parseInt(String(query.log ?? "1"), 10) || 1);
  const { api } = await requireStaffPage();
  const data = await api.patients.get({ patientId }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const linkList = await api.patientLinks.list({ patientId });
  const { patient, program } = data;
  const history = await api.programs.history({ patientId });
  const advice = await api.advice.forPatient({ patientId });
  const [openAlerts, seenAlerts] = await Promise.all(
    (["open", "acknowledged"] as const).map((status) =>
      api.alerts.list({ patientId, status, pageSize: 100 }),
    ),
  );
  const now = new Date().getTime();
  const charts = await api.patientCharts.charts({ patientId, range });
  const log = await api.patientCharts.checkInLog({ patientId, page: logPage, pageSize: 10 });
  const hrefFor = (changes: { range?: string; log?: number }) => {
    const next = new URLSearchParams();
    const r = changes.range ?? range;
    if (r !== "12w") next.set("range", r);
    const l = changes.log ?? (changes.range ? 1 : logPage);
    if (l > 1) next.set("log", String(l));
    const q = next.toString();
    return q ? `/patients/${patientId}?${q}` : `/patients/${patientId}`;
  };
  const age = new Date().getUTCFullYear() - patient.yearOfBirth;

  return (
    <div className="space-y-6">
      <div>
        <p>
          <Link href="/patients">← Patients</Link>
        </p>
        <h1 className="mt-2 text-2xl font-semibold">{patient.displayName}</h1>
        <p className="text-muted-foreground">
          {CONDITION_LABELS[patient.condition]} · {SIDE_LABELS[patient.affectedSide].toLowerCase()}{" "}
          side · about {age} years old · primary clinician {patient.primaryClinicianName} ·{" "}
          <Badge tone={patient.status === "active" ? "success" : "neutral"}>
            {patient.status === "active" ? "Active" : "Discharged"}
          </Badge>
        </p>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {patient.status === "active" ? (
            <Link href={`/patients/${patient.id}/program`} className={buttonVariants()}>
              {program ? "Change program" : "Build program"}
            </Link>
          ) : null}
          {program ? (
            <Link
              href={`/patients/${patient.id}/handout`}
              className={buttonVariants({ variant: "secondary" })}
            >
              Print handout
            </Link>
          ) : null}
          <Link
            href={`/patients/${patient.id}/edit`}
            className={buttonVariants({ variant: "secondary" })}
          >
            Edit details
          </Link>
          <StatusActions
            patientId={patient.id}
            status={patient.status}
            name={patient.displayName}
          />
        </div>
      </div>

      <PatientAlerts
        alerts={[...(openAlerts?.rows ?? []), ...(seenAlerts?.rows ?? [])]}
        now={now}
        timeZone={openAlerts?.timeZone ?? "UTC"}
      />

      <AdvicePanel
        patientId={patient.id}
        active={patient.status === "active"}
        advice={advice.advice}
        redFlag={advice.redFlag}
        hasProgram={advice.hasProgram}
      />

      <Card aria-labelledby="program-heading">
        <CardTitle id="program-heading">Current program</CardTitle>
        {program ? (
          <>
            <p className="mt-1 text-sm text-muted-foreground">
              Version {program.version.number} (
              {REASON_LABELS[program.version.reason].toLowerCase()}) since{" "}
              {formatDate(program.version.effectiveFrom, patient.timeZone)} by{" "}
              {program.version.authorName} · pain limit {program.version.painLimit}/10
            </p>
            {program.version.note ? (
              <p className="mt-1 text-sm">Note: {program.version.note}</p>
            ) : null}
            <div className="mt-3">
              <Table>
                <caption className="sr-only">Exercises and dose of the current program</caption>
                <thead>
                  <tr>
                    <Th scope="col">#</Th>
                    <Th scope="col">Exercise</Th>
                    <Th scope="col">Dose</Th>
                    <Th scope="col">Note for the patient</Th>
                  </tr>
                </thead>
                <tbody>
                  {program.items.map((item, index) => (
                    <tr key={item.id}>
                      <Td>{index + 1}</Td>
                      <Td className="font-medium">
                        {item.exercise.name}
                        {item.exercise.archived ? (
                          <Badge tone="warning" className="ml-2">
                            Archived
                          </Badge>
                        ) : null}
                      </Td>
                      <Td>{item.doseText}</Td>
                      <Td>{item.notes ?? "—"}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          </>
        ) : (
          <p className="mt-2 text-muted-foreground">This patient has no program yet.</p>
        )}
      </Card>

      <ProgressSection patientId={patientId} charts={charts} log={log} hrefFor={hrefFor} />

      <Card aria-labelledby="history-heading">
        <CardTitle id="history-heading">Program history</CardTitle>
        {history.length === 0 ? (
          <p className="mt-2 text-muted-foreground">No versions yet.</p>
        ) : (
          <ol className="mt-2 divide-y divide-border">
            {history.map((v) => (
              <li key={v.id} className="py-3">
                <p className="font-medium">
                  Version {v.number} · {REASON_LABELS[v.reason]}
                  {v.programStatus === "ended" ? (
                    <span className="font-normal text-muted-foreground">
                      {" "}
                      (earlier program, ended)
                    </span>
                  ) : null}
                </p>
                <p className="text-sm text-muted-foreground">
                  {dateTimeFormat({
                    dateStyle: "medium",
                    timeStyle: "short",
                    timeZone: patient.timeZone,
                  }).format(v.effectiveFrom)}{" "}
                  by {v.authorName} · pain limit {v.painLimit}/10
                </p>
                {v.note ? <p className="text-sm">Note: {v.note}</p> : null}
                {v.changes.length > 0 ? (
                  <ul className="mt-1 list-disc pl-5 text-sm">
                    {v.changes.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-muted-foreground">
                    Same exercises and doses as before.
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </Card>

      <LinkPanel
        patientId={patient.id}
        patientName={patient.displayName}
        links={linkList.links}
        defaultValidDays={linkList.defaultValidDays}
        disabled={patient.status !== "active"}
        timeZone={patient.timeZone}
      />
    </div>
  );
}
