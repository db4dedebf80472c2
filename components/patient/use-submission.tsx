"use client";

import { useState } from "react";
import {
  heldSentence,
  newKey,
  submit,
  type Hold,
  type OutboxEntry,
  type SendResult,
} from "./outbox";

export type SubmissionState =
  | { status: "idle" }
  | { status: "sending" }
  | { status: "sent"; data: unknown }
  | { status: "queued"; hold?: Hold }
  | { status: "refused"; message: string };

/**
 * One answer's life on the phone: a key is made when the patient taps, the answer is kept in the
 * outbox and sent. Tapping twice while sending sends nothing more.
 */
export function useSubmission() {
  const [state, setState] = useState<SubmissionState>({ status: "idle" });
  async function send(
    entry: Omit<OutboxEntry, "key" | "queuedAt">,
  ): Promise<SendResult | undefined> {
    if (state.status === "sending") return undefined;
    setState({ status: "sending" });
    const result = await submit({
      ...entry,
      key: newKey(),
      input: { ...entry.input, tappedAt: new Date().toISOString() },
    });
    setState(result);
    return result;
  }
  return { state, send, reset: () => setState({ status: "idle" }) };
}

/** The sentence shown under an answer once it is saved or waiting. */
export function SavedNote({ state }: { state: SubmissionState }) {
  if (state.status === "queued" && state.hold) {
    return (
      <p
        role="status"
        className="mt-2 rounded-md border border-warning/40 bg-warning-soft p-2 text-warning"
      >
        <strong>Saved on this phone.</strong> {heldSentence(state.hold)}
      </p>
    );
  }
  if (state.status === "queued") {
    return (
      <p
        role="status"
        className="mt-2 rounded-md border border-warning/40 bg-warning-soft p-2 text-warning"
      >
        <strong>Saved on this phone.</strong> It will be sent when you are back online.
      </p>
    );
  }
  if (state.status === "refused") {
    return (
      <p
        role="alert"
        className="mt-2 rounded-md border border-danger/40 bg-danger-soft p-2 text-danger"
      >
        {state.message}
      </p>
    );
  }
  return null;
}
