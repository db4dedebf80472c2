"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { MESSAGE_MAX_LENGTH } from "@/db/schema/enums";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { messageBodyProblem, normaliseMessageBody } from "@/server/domain/message-text";

/**
 * Marks the thread read once it is on screen, then refreshes the page so the menu's count and the
 * receipts show it. Runs once per render of an unread thread.
 */
export function MarkThreadRead({ patientId }: { patientId: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const markRead = useMutation(
    trpc.messages.markRead.mutationOptions({
      onSuccess: (result) => {
        if (result.marked > 0) router.refresh();
      },
    }),
  );
  const { mutate } = markRead;
  const done = useRef(false);
  useEffect(() => {
    if (done.current) return;
    done.current = true;
    mutate({ patientId });
  }, [mutate, patientId]);
  return null;
}

/** The staff answer: what was typed stays in the box until the server has stored it. */
export function MessageAnswerForm({
  patientId,
  patientName,
}: {
  patientId: string;
  patientName: string;
}) {
  const id = useId();
  const trpc = useTRPC();
  const router = useRouter();
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  // One key per message being written: a double click or a retry stores it once.
  const [key, setKey] = useState(() => crypto.randomUUID());
  const answer = useMutation(
    trpc.messages.answer.mutationOptions({
      onSuccess: () => {
        setText("");
        setKey(crypto.randomUUID());
        router.refresh();
      },
    }),
  );
  const length = normaliseMessageBody(text).length;
  const shown = problem ?? (answer.error ? errorMessage(answer.error) : null);

  return (
    <form
      className="space-y-2"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const wrong = messageBodyProblem(text);
        setProblem(wrong);
        if (wrong) return;
        answer.mutate({ patientId, idempotencyKey: key, body: text });
      }}
    >
      <label htmlFor={`${id}-answer`} className="block font-medium">
        Write to {patientName}
      </label>
      <textarea
        id={`${id}-answer`}
        value={text}
        rows={4}
        onChange={(e) => {
          setText(e.target.value);
          setProblem(null);
          if (answer.isError) answer.reset();
        }}
        aria-describedby={`${id}-count${shown ? ` ${id}-error` : ""}`}
        aria-invalid={shown ? true : undefined}
        className="block w-full max-w-3xl rounded-md border border-border bg-background p-2"
      />
      <p id={`${id}-count`} className="text-sm text-muted-foreground">
        {length} of {MESSAGE_MAX_LENGTH} characters. The patient is told there is a new message (by
        push or email, as they chose), never what it says.
      </p>
      {shown ? (
        <p id={`${id}-error`} role="alert" className="text-sm text-danger">
          {shown}
        </p>
      ) : null}
      <Button type="submit" disabled={answer.isPending}>
        {answer.isPending ? "Sending…" : "Send message"}
      </Button>
    </form>
  );
}
