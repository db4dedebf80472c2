"use client";

import { useRouter } from "next/navigation";
import { useEffect, useId, useState } from "react";
import { MESSAGE_MAX_LENGTH } from "@/db/schema/enums";
import { messageBodyProblem, normaliseMessageBody } from "@/server/domain/message-text";
import { OUTBOX_EVENT, readKept, type OutboxEntry } from "./outbox";
import { SavedNote, useSubmission } from "./use-submission";

/** Tells the server the patient has seen the clinic's new messages (a receipt, not an answer). */
function useMarkSeen(unseen: number) {
  useEffect(() => {
    if (unseen === 0 || !navigator.onLine) return;
    void fetch("/api/trpc/messages.seen", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: null }),
      credentials: "same-origin",
    }).catch(() => {
      // Offline or the server is busy: the receipt is set on the next visit.
    });
  }, [unseen]);
}

/** The messages this phone keeps until it can send them, kept fresh as the outbox changes. */
function useWaitingMessages(): OutboxEntry[] {
  const [waiting, setWaiting] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    const sync = () => setWaiting(readKept("messages.send"));
    sync();
    window.addEventListener(OUTBOX_EVENT, sync);
    return () => window.removeEventListener(OUTBOX_EVENT, sync);
  }, []);
  return waiting;
}

/**
 * Writing to the clinic from the phone. A message goes through the phone's outbox like every
 * answer: kept on the phone under its key, sent now or when the phone is back online, stored once.
 * What the patient typed is kept when the server refuses it.
 */
export function MessageComposer({ clinicName, unseen }: { clinicName: string; unseen: number }) {
  const router = useRouter();
  const id = useId();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const { state, send, reset } = useSubmission();
  const waiting = useWaitingMessages();
  useMarkSeen(unseen);

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    const wrong = messageBodyProblem(text);
    setProblem(wrong);
    if (wrong) return;
    const body = normaliseMessageBody(text);
    const result = await send({
      path: "messages.send",
      input: { body },
      label: `Message: ${body.length > 40 ? `${body.slice(0, 40)}…` : body}`,
    });
    if (result?.status === "sent" || result?.status === "queued") {
      setText("");
      if (result.status === "sent") router.refresh();
    }
  }

  const length = normaliseMessageBody(text).length;
  const over = length > MESSAGE_MAX_LENGTH;
  return (
    <div className="space-y-4">
      {waiting.length > 0 ? (
        <section aria-labelledby={`${id}-waiting`} className="space-y-2">
          <h2 id={`${id}-waiting`} className="font-semibold">
            Kept on this phone, not sent yet
          </h2>
          <ul className="space-y-2">
            {waiting.map((entry) => (
              <li
                key={entry.key}
                className="ml-6 rounded-lg border-2 border-dashed border-warning/60 bg-warning-soft p-3"
              >
                <p className="break-words whitespace-pre-wrap">{String(entry.input.body ?? "")}</p>
                <p className="mt-1 text-sm">Waiting to be sent: it goes by itself when it can.</p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <form onSubmit={submit} noValidate className="space-y-2">
        <label htmlFor={`${id}-text`} className="block font-semibold">
          Write to {clinicName}
        </label>
        <textarea
          id={`${id}-text`}
          name="message"
          value={text}
          rows={4}
          onChange={(e) => {
            setText(e.target.value);
            setProblem(null);
            if (state.status !== "idle" && state.status !== "sending") reset();
          }}
          aria-describedby={`${id}-count${problem ? ` ${id}-problem` : ""}`}
          aria-invalid={problem ? true : undefined}
          className="block w-full rounded-md border border-border p-2 text-base"
        />
        <p
          id={`${id}-count`}
          className={`text-sm ${over ? "font-semibold text-danger" : "text-muted-foreground"}`}
        >
          {length} of {MESSAGE_MAX_LENGTH} characters
        </p>
        {problem ? (
          <p id={`${id}-problem`} role="alert" className="text-danger">
            {problem}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={state.status === "sending"}
          className="min-h-12 w-full rounded-md bg-primary px-5 text-lg font-semibold text-primary-foreground sm:w-auto"
        >
          {state.status === "sending" ? "Sending…" : "Send"}
        </button>
        {state.status === "sent" ? (
          <p role="status" className="text-success">
            <span aria-hidden="true">✓ </span>Sent to {clinicName}.
          </p>
        ) : null}
        <SavedNote state={state} />
      </form>
    </div>
  );
}
