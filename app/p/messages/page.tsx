import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { ClinicFooter } from "@/components/patient/clinic-footer";
import { LinkInvalid } from "@/components/patient/link-invalid";
import { MessageComposer } from "@/components/patient/message-composer";
import { MessageSafetyNote } from "@/components/patient/message-safety-note";
import { OutboxStatus } from "@/components/patient/outbox-status";
import { PatientNav } from "@/components/patient/patient-nav";
import { ThreadView } from "@/components/messages/thread-view";
import { patientPageCaller } from "@/server/page-auth";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Messages" };

/** The patient's conversation with the clinic: the safety line first, then the thread, then the form. */
export default async function PatientMessagesPage() {
  const api = await patientPageCaller();
  const thread = await api.messages.thread().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return null;
    throw error;
  });
  if (!thread) return <LinkInvalid />;
  const unseen = thread.messages.filter((m) => m.from === "staff" && m.readAt === null).length;

  return (
    <div className="space-y-5">
      <header className="space-y-3">
        <div>
          <p className="font-semibold text-primary">{thread.clinic.name}</p>
          <h1 className="mt-1 text-2xl leading-tight font-semibold">Messages</h1>
          <p className="text-muted-foreground">
            Questions about your plan for the team at {thread.clinic.name}.
          </p>
        </div>
        <PatientNav current="messages" />
        <OutboxStatus />
      </header>

      <MessageSafetyNote clinic={thread.clinic} />

      <section aria-labelledby="thread-heading" className="space-y-3">
        <h2 id="thread-heading" className="text-xl font-semibold">
          Your messages
        </h2>
        {thread.messages.length === 0 ? (
          <p className="rounded-lg border border-border bg-muted p-4">
            No messages yet. Write below if you have a question about your exercises or your plan.
          </p>
        ) : (
          <ThreadView
            messages={thread.messages}
            viewer="patient"
            patientName="You"
            clinicName={thread.clinic.name}
            timeZone={thread.timeZone}
            more={thread.more}
          />
        )}
      </section>

      <MessageComposer clinicName={thread.clinic.name} unseen={unseen} />

      <ClinicFooter clinic={thread.clinic} />
    </div>
  );
}
