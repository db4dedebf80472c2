import type { Metadata } from "next";
import Link from "next/link";
import { sectionHref } from "@/components/patient-page/sections";
import { Badge } from "@/components/ui/badge";
import { formatMoment } from "@/lib/alert-words";
import { requireStaffPage } from "@/server/page-auth";

export const metadata: Metadata = { title: "Messages" };

/**
 * The patients whose messages nobody at the clinic has read yet, the longest waiting first. Each
 * opens the patient's Messages section, which marks them read.
 */
export default async function MessagesInboxPage() {
  const { api, session } = await requireStaffPage();
  const { threads, timeZone } = await api.messages.inbox();
  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-2xl font-semibold">Messages</h1>
        <p className="text-muted-foreground">
          Patients whose messages nobody at {session.clinicName} has read yet, the longest waiting
          first. Opening a patient&apos;s messages marks them read for the whole team.
        </p>
      </div>
      <p className="rounded-md border border-warning/40 bg-warning-soft p-3 text-sm">
        Rehabit does not read messages for red flags: only a person reading them can tell whether
        one needs action today.
      </p>
      {threads.length === 0 ? (
        <p className="rounded-md border border-border bg-background p-4">
          No unread messages. New ones show here and in the menu.
        </p>
      ) : (
        <ul className="divide-y divide-border rounded-md border border-border bg-background">
          {threads.map((t) => (
            <li key={t.patientId} className="flex flex-wrap items-center gap-x-4 gap-y-1 p-3">
              <Link
                href={sectionHref(t.patientId, "messages")}
                prefetch={false}
                className="font-semibold"
              >
                {t.patientName}
              </Link>
              <Badge tone="info">{t.unread === 1 ? "1 unread" : `${t.unread} unread`}</Badge>
              {t.mine ? <Badge tone="neutral">Your patient</Badge> : null}
              <span className="text-sm text-muted-foreground">
                Last message {formatMoment(t.lastMessageAt, timeZone)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
