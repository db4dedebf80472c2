import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { SectionTabs } from "@/components/patient-page/section-tabs";
import {
  SECTIONS,
  parseLogPage,
  parseRange,
  parseSection,
  sectionHref,
  type SectionId,
} from "@/components/patient-page/sections";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { CONDITION_LABELS, SIDE_LABELS } from "@/lib/labels";
import { requireStaffPage } from "@/server/page-auth";
import { AdvicePanel } from "./advice-panel";
import { CheckInLogSection } from "./check-in-log-section";
import { GoalsNotesSection } from "./goals-notes-section";
import { LinkPanel } from "./link-panel";
import { MessagesSection } from "./messages-section";
import { OutcomesSection } from "./outcomes-section";
import { PatientAlerts } from "./patient-alerts";
import { ProgramSection } from "./program-section";
import { ProgressSection } from "./progress-section";
import { StatusActions } from "./status-actions";
import { SummaryFacts } from "./summary-facts";

export const metadata: Metadata = { title: "Patient" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
type Api = Awaited<ReturnType<typeof requireStaffPage>>["api"];

/**
 * Only the chosen section's procedures run: the first screen (the program) never pays for the
 * charts or the log, and each section's data arrives when its tab is opened.
 */
async function sectionContent(
  api: Api,
  section: Exclude<SectionId, "link">,
  patientId: string,
  query: Awaited<SearchParams>,
  program: Parameters<typeof ProgramSection>[0]["program"],
  timeZone: string,
): Promise<ReactNode> {
  switch (section) {
    case "program": {
      const history = await api.programs.history({ patientId });
      return <ProgramSection program={program} history={history} timeZone={timeZone} />;
    }
    case "charts": {
      const charts = await api.patientCharts.charts({ patientId, range: parseRange(query.range) });
      return <ProgressSection patientId={patientId} charts={charts} />;
    }
    case "check-ins": {
      const page = parseLogPage(query.log);
      const log = await api.patientCharts.checkInLog({ patientId, page, pageSize: 10 });
      return <CheckInLogSection patientId={patientId} log={log} />;
    }
    case "messages": {
      const [thread, clinic] = await Promise.all([
        api.messages.forPatient({ patientId }),
        api.auth.me(),
      ]);
      return <MessagesSection thread={thread} clinicName={clinic.clinicName} timeZone={timeZone} />;
    }
    case "outcomes": {
      const outcomes = await api.measures.forPatient({ patientId });
      return <OutcomesSection patientId={patientId} outcomes={outcomes} />;
    }
    case "goals-notes": {
      const [goals, notes, summaries] = await Promise.all([
        api.goals.list({ patientId }),
        api.notes.list({ patientId }),
        api.discharge.list({ patientId }),
      ]);
      return (
        <GoalsNotesSection
          patientId={patientId}
          active={summaries.active}
          goals={goals.goals}
          notes={notes.notes}
          summaries={summaries.summaries}
          timeZone={timeZone}
        />
      );
    }
  }
}

export default async function PatientPage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string }>;
  searchParams: SearchParams;
}) {
  const { patientId } = await params;
  const query = await searchParams;
  const section = parseSection(query.section);
  const { api } = await requireStaffPage();
  // The record itself first: another clinic's patient stops here as not found, and the request's
  // read row names the record rather than whichever part answered first.
  const data = await api.patients.get({ patientId }).catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
  const { patient, program } = data;
  const [linkList, advice, openAlerts, seenAlerts, content] = await Promise.all([
    api.patientLinks.list({ patientId }),
    api.advice.forPatient({ patientId }),
    api.alerts.list({ patientId, status: "open", pageSize: 100 }),
    api.alerts.list({ patientId, status: "acknowledged", pageSize: 100 }),
    section === "link"
      ? null
      : sectionContent(api, section, patientId, query, program, patient.timeZone),
  ]);
  const now = new Date().getTime();
  const age = new Date().getUTCFullYear() - patient.yearOfBirth;
  const active = patient.status === "active";

  return (
    <div className="space-y-4">
      <div>
        <p>
          <Link href="/patients">← Patients</Link>
        </p>
        <div className="mt-1 flex flex-wrap items-start justify-between gap-x-6 gap-y-3">
          <div className="min-w-0">
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <h1 className="text-2xl font-semibold">{patient.displayName}</h1>
              <Badge tone={active ? "success" : "neutral"}>
                {active ? "Active" : "Discharged"}
              </Badge>
            </div>
            <p className="mt-1 text-muted-foreground">
              {CONDITION_LABELS[patient.condition]} ·{" "}
              {SIDE_LABELS[patient.affectedSide].toLowerCase()} side · about {age} years old ·
              primary clinician {patient.primaryClinicianName}
            </p>
          </div>
          {/* No prefetch: each prefetch of these dynamic pages is a server render that every visit
              of this page would pay for, whether or not the clinician follows the link. */}
          <div className="flex flex-wrap items-center gap-2">
            {active ? (
              <Link
                href={`/patients/${patient.id}/program`}
                prefetch={false}
                className={buttonVariants()}
              >
                {program ? "Change program" : "Build program"}
              </Link>
            ) : null}
            {program ? (
              <Link
                href={`/patients/${patient.id}/handout`}
                prefetch={false}
                className={buttonVariants({ variant: "secondary" })}
              >
                Print handout
              </Link>
            ) : null}
            {active ? null : (
              <Link
                href={`/patients/${patient.id}/discharge-summary`}
                prefetch={false}
                className={buttonVariants({ variant: "secondary" })}
              >
                Discharge summary
              </Link>
            )}
            {active ? (
              <Link
                href={sectionHref(patient.id, "link", { hash: "link-validity" })}
                scroll={false}
                prefetch={false}
                className={buttonVariants({ variant: "secondary" })}
              >
                New link
              </Link>
            ) : null}
            <Link
              href={`/patients/${patient.id}/edit`}
              prefetch={false}
              className={buttonVariants({ variant: "secondary" })}
            >
              Edit details
            </Link>
            {/* A file, not a page: a plain link the browser downloads (decision 031). */}
            <a
              href={`/patients/${patient.id}/fhir.json`}
              download
              className={buttonVariants({ variant: "secondary" })}
            >
              Export record (FHIR)
            </a>
            <StatusActions
              patientId={patient.id}
              status={patient.status}
              name={patient.displayName}
            />
          </div>
        </div>
      </div>

      <div className="grid gap-4 lg:grid-cols-[minmax(0,0.8fr)_minmax(0,1.3fr)_minmax(0,0.9fr)]">
        <SummaryFacts
          program={program}
          links={linkList.links}
          discharged={!active}
          now={now}
          timeZone={patient.timeZone}
        />
        <PatientAlerts
          open={openAlerts.rows}
          openTotal={openAlerts.total}
          acknowledged={seenAlerts.rows}
          now={now}
          timeZone={openAlerts.timeZone}
        />
        <AdvicePanel
          patientId={patient.id}
          active={active}
          advice={advice.advice}
          redFlag={advice.redFlag}
          hasProgram={advice.hasProgram}
        />
      </div>

      <SectionTabs
        label="Sections of the record"
        active={section}
        tabs={SECTIONS.map((s) => ({ ...s, href: sectionHref(patient.id, s.id) }))}
      >
        {section === "link" ? (
          <LinkPanel
            patientId={patient.id}
            patientName={patient.displayName}
            links={linkList.links}
            defaultValidDays={linkList.defaultValidDays}
            disabled={!active}
            timeZone={patient.timeZone}
          />
        ) : (
          content
        )}
      </SectionTabs>
    </div>
  );
}
