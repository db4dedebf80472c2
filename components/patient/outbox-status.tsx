"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import {
  currentHold,
  flushOutbox,
  heldSentence,
  OUTBOX_EVENT,
  readOutbox,
  type Hold,
  type OutboxEntry,
} from "./outbox";

/**
 * Shows what is waiting on this phone and sends it when the phone is back online (and on every
 * page load). When the server asked the phone to wait (too many answers for now), it says so
 * kindly and sends again once the wait is over. After a successful send the page refreshes its
 * figures from the server.
 */
export function OutboxStatus() {
  const router = useRouter();
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [online, setOnline] = useState(true);
  const [refused, setRefused] = useState<string[]>([]);
  const [hold, setHold] = useState<Hold | null>(null);

  useEffect(() => {
    let retry: ReturnType<typeof setTimeout> | undefined;
    const sync = () => {
      setEntries(readOutbox());
      setOnline(navigator.onLine);
      const held = currentHold();
      setHold(held);
      // One try again when the server's wait is over; a new wait replaces the old one.
      clearTimeout(retry);
      retry = held
        ? setTimeout(() => void flush(), Math.max(0, held.until - Date.now()))
        : undefined;
    };
    const flush = async () => {
      sync();
      if (!navigator.onLine || readOutbox().length === 0) return;
      const result = await flushOutbox();
      if (result.refused.length > 0) setRefused((r) => [...r, ...result.refused]);
      if (result.sent > 0 && readOutbox().length === 0) router.refresh();
    };
    void flush();
    window.addEventListener(OUTBOX_EVENT, sync);
    window.addEventListener("online", flush);
    window.addEventListener("offline", sync);
    return () => {
      clearTimeout(retry);
      window.removeEventListener(OUTBOX_EVENT, sync);
      window.removeEventListener("online", flush);
      window.removeEventListener("offline", sync);
    };
  }, [router]);

  if (entries.length === 0 && online && refused.length === 0) return null;
  return (
    <section
      aria-label="Answers waiting on this phone"
      className="rounded-lg border-2 border-warning/60 bg-warning-soft p-4"
    >
      <div role="status">
        {!online ? (
          <p className="font-semibold">
            You are offline. You can keep going: your answers are kept on this phone.
          </p>
        ) : null}
        {entries.length > 0 ? (
          <>
            <p className="font-semibold">
              Waiting to be sent ({entries.length}){online && !hold ? ": sending now…" : ""}
            </p>
            {online && hold ? <p>{heldSentence(hold)}</p> : null}
            <ul className="mt-1 list-disc pl-5">
              {entries.map((e) => (
                <li key={e.key}>{e.label}</li>
              ))}
            </ul>
          </>
        ) : null}
      </div>
      {refused.length > 0 ? (
        <div role="alert" className="mt-2 text-danger">
          <p className="font-semibold">These answers could not be saved:</p>
          <ul className="list-disc pl-5">
            {refused.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
