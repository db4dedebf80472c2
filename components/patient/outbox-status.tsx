"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { flushOutbox, OUTBOX_EVENT, readOutbox, type OutboxEntry } from "./outbox";

/**
 * Shows what is waiting on this phone and sends it when the phone is back online (and on every
 * page load). After a successful send the page refreshes its figures from the server.
 */
export function OutboxStatus() {
  const router = useRouter();
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  const [online, setOnline] = useState(true);
  const [refused, setRefused] = useState<string[]>([]);

  useEffect(() => {
    const sync = () => {
      setEntries(readOutbox());
      setOnline(navigator.onLine);
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
              Waiting to be sent ({entries.length}){online ? ": sending now…" : ""}
            </p>
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
