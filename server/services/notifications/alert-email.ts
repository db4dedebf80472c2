import type { AlertSeverity } from "@/db/schema/enums";
import type { MailSettings } from "@/server/env";
import { alertKindLabel, formatMoment } from "@/lib/alert-words";

/** What an alert email may say: who, which kind, when and where to look. Never the inputs. */
export interface AlertEmailFacts {
  outboxId: string;
  to: string;
  recipientName: string;
  /** Why this person is told: it is their patient, or they run the clinic. */
  reason: "clinician" | "admin";
  clinicName: string;
  timeZone: string;
  patientId: string;
  patientName: string;
  kind: string;
  severity: AlertSeverity;
  openedAt: Date;
}

const SEVERITY_WORDS: Record<AlertSeverity, string> = {
  critical: "Critical",
  high: "High",
  medium: "Medium",
  low: "Low",
};

/**
 * The same outbox row always gets the same Message-ID, so when a retry re-sends a message the mail
 * server had already accepted (the process stopped before it could record "sent"), the receiving
 * side can recognise the copy.
 */
export function alertMessageId(outboxId: string, appUrl: string): string {
  const host = new URL(appUrl).hostname || "rehabit.invalid";
  return `<outbox.${outboxId}@${host}>`;
}

/**
 * The alert email in plain text (nothing in a name can inject markup). It names the patient and
 * the kind of alert and links to the patient's page; what fired the alert (answers, scores) stays
 * behind the sign-in.
 */
export function composeAlertEmail(facts: AlertEmailFacts, settings: MailSettings) {
  const severity = SEVERITY_WORDS[facts.severity];
  const kind = alertKindLabel(facts.kind);
  const url = `${settings.appUrl}/patients/${facts.patientId}`;
  const when = formatMoment(facts.openedAt, facts.timeZone);
  const why =
    facts.reason === "clinician"
      ? `You get this email because ${facts.patientName} is your patient at ${facts.clinicName}.`
      : `You get this email because you are an admin of ${facts.clinicName}.`;
  return {
    from: settings.from,
    to: facts.to,
    subject: `${severity} alert: ${kind} – ${facts.patientName}`,
    messageId: alertMessageId(facts.outboxId, settings.appUrl),
    priority: facts.severity === "critical" ? ("high" as const) : ("normal" as const),
    // RFC 3834: an automatic message, so out-of-office replies are not sent back to it.
    headers: { "Auto-Submitted": "auto-generated" },
    text: [
      `Hello ${facts.recipientName},`,
      "",
      `${facts.patientName} has a new ${severity.toLowerCase()} alert in Rehabit: ${kind}.`,
      `Raised ${when} (${facts.timeZone}).`,
      "",
      "Open the patient's page to see what raised it, and acknowledge it so your colleagues know it is in hand:",
      url,
      "",
      why,
      "For the patient's privacy this email holds no answers or scores; sign in to see them.",
    ].join("\n"),
  };
}
