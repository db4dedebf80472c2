"use client";

import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import type { RedFlagLevel } from "@/server/domain/red-flags";
import { MorningPainForm } from "./morning-pain-form";
import { RedFlagAdvice, type ClinicContact } from "./red-flag-advice";
import { SafetyCheckForm } from "./safety-check-form";

const MORNING_LATER_KEY = "rehabit-morning-later";
const MORNING_LATER_EVENT = "rehabit:morning-later";

function readMorningLater(): string | null {
  try {
    return localStorage.getItem(MORNING_LATER_KEY);
  } catch {
    return null;
  }
}

function subscribeMorningLater(onChange: () => void) {
  window.addEventListener(MORNING_LATER_EVENT, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(MORNING_LATER_EVENT, onChange);
    window.removeEventListener("storage", onChange);
  };
}

/**
 * The order of a visit: red-flag advice before anything else; on the first visit of the day the
 * morning question; in the first check-in of the week the safety check; then the plan.
 */
export function CheckInFlow({
  today,
  morningDue,
  safetyDue,
  redFlagToday,
  morningPainToday,
  clinic,
  header,
  children,
}: {
  today: string;
  morningDue: boolean;
  safetyDue: boolean;
  redFlagToday: RedFlagLevel | null;
  morningPainToday: number | null;
  clinic: ClinicContact;
  header: ReactNode;
  children: ReactNode;
}) {
  const [answered, setAnswered] = useState(!morningDue);
  const [morningScore, setMorningScore] = useState(morningPainToday);
  // "Not now" holds for the rest of the day on this phone.
  const laterToday = useSyncExternalStore(
    subscribeMorningLater,
    () => readMorningLater() === today,
    () => false,
  );
  const morning = answered ? "done" : laterToday ? "later" : "ask";
  const [safety, setSafety] = useState(safetyDue ? "ask" : "done");
  const [advice, setAdvice] = useState<{ level: RedFlagLevel; waiting: boolean } | null>(
    redFlagToday ? { level: redFlagToday, waiting: false } : null,
  );
  const adviceRef = useRef<HTMLDivElement>(null);
  const [focusAdvice, setFocusAdvice] = useState(false);
  // After a step, focus moves to the next one's heading so keyboard and screen-reader users follow.
  const [moved, setMoved] = useState(0);

  useEffect(() => {
    if (moved === 0) return;
    const next = ["safety-heading", "today-heading"]
      .map((id) => document.getElementById(id))
      .find((el) => el !== null);
    next?.focus();
  }, [moved]);

  useEffect(() => {
    if (!focusAdvice) return;
    window.scrollTo({ top: 0 });
    adviceRef.current?.querySelector<HTMLElement>("h2")?.focus();
  }, [focusAdvice]);

  let body: ReactNode = children;
  if (morning === "ask") {
    body = (
      <MorningPainForm
        onDone={(score) => {
          setAnswered(true);
          setMorningScore(score);
          setMoved((n) => n + 1);
        }}
        onLater={() => {
          try {
            localStorage.setItem(MORNING_LATER_KEY, today);
          } catch {
            // Storage disabled: the question simply comes back on the next visit.
          }
          window.dispatchEvent(new Event(MORNING_LATER_EVENT));
        }}
      />
    );
  } else if (safety === "ask") {
    body = (
      <SafetyCheckForm
        clinic={clinic}
        intro="Once a week we ask a few quick questions to make sure your exercises are still safe for you. Please answer each one."
        onDone={(level, waiting) => {
          setSafety("done");
          if (level) {
            setAdvice({ level, waiting });
            setFocusAdvice(true);
          } else {
            setMoved((n) => n + 1);
          }
        }}
        onLater={() => {
          setSafety("later");
          setMoved((n) => n + 1);
        }}
      />
    );
  }

  return (
    <div className="space-y-5">
      {advice ? (
        <div ref={adviceRef}>
          <RedFlagAdvice
            level={advice.level}
            clinic={clinic}
            delivery={advice.waiting ? "waiting" : "sent"}
          />
        </div>
      ) : null}
      {header}
      {safety === "later" && morning !== "ask" ? (
        <p className="rounded-lg border border-border bg-muted p-4">
          Your weekly safety check is still waiting.{" "}
          <button
            type="button"
            onClick={() => setSafety("ask")}
            className="min-h-11 font-semibold text-primary underline underline-offset-4"
          >
            Answer it now
          </button>
        </p>
      ) : null}
      {morning === "done" && morningScore !== null ? (
        <p role="status" className="text-muted-foreground">
          <span aria-hidden="true">✓ </span>This morning&apos;s pain: {morningScore} out of 10.
          Thank you.
        </p>
      ) : null}
      {/* After a red flag the sessions pause (CSS only), also for advice given on this phone. */}
      <div className="group/flow" data-paused={advice ? "true" : undefined}>
        {body}
      </div>
    </div>
  );
}
