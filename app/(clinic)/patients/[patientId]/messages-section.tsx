import { ThreadView, type ThreadViewMessage } from "@/components/messages/thread-view";
import { MessageAnswerForm, MarkThreadRead } from "./message-answer-form";

/**
 * The patient's messages on their record: the thread (with who read what), the answer form, and
 * a reminder that nothing triages what patients write. Opening it marks the waiting messages read.
 */
export function MessagesSection({
  thread,
  clinicName,
  timeZone,
}: {
  thread: {
    patientId: string;
    patientName: string;
    discharged: boolean;
    unread: number;
    messages: ThreadViewMessage[];
    more: boolean;
  };
  clinicName: string;
  timeZone: string;
}) {
  return (
    <section aria-labelledby="messages-heading" className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="messages-heading" className="text-lg font-semibold">
          Messages with {thread.patientName}
        </h2>
        <p className="text-sm text-muted-foreground">Times in {timeZone}</p>
      </div>
      <p className="rounded-md border border-warning/40 bg-warning-soft p-3 text-sm">
        Rehabit does not read messages for red flags or raise alerts from them. The patient is told,
        next to every message they write, to call the emergency number or the clinic for anything
        urgent, and to use &ldquo;I have new symptoms&rdquo;.
      </p>
      {thread.unread > 0 ? <MarkThreadRead patientId={thread.patientId} /> : null}
      {thread.messages.length === 0 ? (
        <p className="rounded-md border border-border bg-muted p-4">
          No messages yet. The patient can write from their plan&apos;s Messages page, and you can
          write first below.
        </p>
      ) : (
        <ThreadView
          messages={thread.messages}
          viewer="staff"
          patientName={thread.patientName}
          clinicName={clinicName}
          timeZone={timeZone}
          more={thread.more}
        />
      )}
      {thread.discharged ? (
        <p className="text-muted-foreground">
          {thread.patientName} has been discharged: their link no longer works, so they cannot read
          new messages. Re-admit them to write again.
        </p>
      ) : (
        <MessageAnswerForm patientId={thread.patientId} patientName={thread.patientName} />
      )}
    </section>
  );
}
