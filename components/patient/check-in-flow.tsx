"use client";

import { useEffect, useRef, useState, useSyncExternalStore, type ReactNode } from "react";
import { weekStart } from "@/server/domain/check-in-schedule";
import { addDays } from "@/server/domain/days";
import type { RedFlagLevel } from "@/server/domain/red-flags";
import { firstStep, postponesLeftOnPhone } from "@/server/domain/safety-check-postpones";
import { MorningPainForm } from "./morning-pain-form";
import { newKey, submit, type SendResult } from "./outbox";
import { RedFlagAdvice, type ClinicContact } from "./red-flag-advice";
import { SafetyCheckForm } from "./safety-check-form";
import {
  postponesUsedOnPhone,
  rememberPostpone,
  subscribeOutbox,
  subscribePostponed,
  waitingRedFlagLevel,
} from "./safety-on-phone";

const MORNING_LATER_KEY = "rehabit-morning-later";
const MORNING_LATER_EVENT = "rehabit:morning-later";
/** The red-flag pause lasts 7 days from the yes (CLINICAL.md); the server has the same rule. */
const PAUSE_DAYS = 7;

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

const SEVERITY: Record<RedFlagLevel, number> = { emergency: 2, urgent: 1 };

function mostSerious(levels: (RedFlagLevel | null | undefined)[]): RedFlagLevel | null {
  return levels.reduce<RedFlagLevel | null>(
    (worst, l) => (l && (!worst || SEVERITY[l] > SEVERITY[worst]) ? l : worst),
    null,
  );
}

type Delivery = "sending" | "sent" | "waiting";

/**
 * The order of a visit: red-flag advice before anything else; on the first visit of the day the
 * morning question; in the first check-in of the week the safety check (first of all once it has
 * been put off twice); then the plan. While a red flag pauses the exercises, the plan stays
 * readable but its Done / Skip buttons give way to a note saying why.
 */
export function CheckInFlow({
  today,
  morningDue,
  safetyDue,
  redFlagPause,
  safetyPostponesLeft,
  morningPainToday,
  clinic,
  header,
  children,
}: {
  today: string;
  morningDue: boolean;
  safetyDue: boolean;
  redFlagPause: { level: RedFlagLevel; endsOn: string } | null;
  safetyPostponesLeft: number;
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
  const [safety, setSafety] = useState<"ask" | "later" | "done">(safetyDue ? "ask" : "done");
  const week = weekStart(today);
  const usedOnPhone = useSyncExternalStore(
    subscribePostponed,
    () => postponesUsedOnPhone(week),
    () => 0,
  );
  const postponesLeft = postponesLeftOnPhone({ fromServer: safetyPostponesLeft, usedOnPhone });
  const step = firstStep({ morning, safety, postponesLeft });

  // Advice from this visit's answers, from answers still waiting on this phone (a page opened
  // offline does not know of them yet), and from the server's pause: the most serious shows.
  const [answeredNow, setAnsweredNow] = useState<{ level: RedFlagLevel; delivery: Delivery }>();
  const [sendProblem, setSendProblem] = useState<string | null>(null);
  const waiting = useSyncExternalStore(subscribeOutbox, waitingRedFlagLevel, () => null);
  const level = mostSerious([redFlagPause?.level, answeredNow?.level, waiting]);
  const delivery: Delivery =
    answeredNow?.level === level ? answeredNow.delivery : waiting === level ? "waiting" : "sent";
  const pausedUntil =
    redFlagPause && redFlagPause.level === level ? redFlagPause.endsOn : addDays(today, PAUSE_DAYS);

  const adviceRef = useRef<HTMLDivElement>(null);
  const [focusAdvice, setFocusAdvice] = useState(0);
  // After a step, focus moves to the next one's heading so keyboard and screen-reader users follow.
  const [moved, setMoved] = useState(0);

  useEffect(() => {
    if (moved === 0) return;
    const next = ["morning-heading", "safety-heading", "today-heading"]
      .map((id) => document.getElementById(id))
      .find((el) => el !== null);
    next?.focus();
  }, [moved]);

  useEffect(() => {
    if (focusAdvice === 0) return;
    window.scrollTo({ top: 0 });
    adviceRef.current?.querySelector<HTMLElement>("h2")?.focus();
  }, [focusAdvice]);

  function onSent(result: SendResult) {
    if (result.status === "refused") setSendProblem(result.message);
    setAnsweredNow((a) =>
      a ? { ...a, delivery: result.status === "queued" ? "waiting" : "sent" } : a,
    );
  }

  function postpone() {
    const key = newKey();
    rememberPostpone(week, key);
    // Through the outbox like an answer, so an offline phone still counts towards the limit.
    void submit({
      key,
      path: "checkIns.postponeSafetyCheck",
      input: { tappedAt: new Date().toISOString() },
      label: "Safety check: answer later",
    });
    setSafety("later");
    setMoved((n) => n + 1);
  }

  let body: ReactNode = children;
  if (step === "morning") {
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
  } else if (step === "safety") {
    body = (
      <SafetyCheckForm
        clinic={clinic}
        intro={
          postponesLeft > 0
            ? "Once a week we ask a few quick questions to make sure your exercises are still safe for you. Please answer each one."
            : "Before anything else today: a few quick questions to make sure your exercises are still safe for you. Please answer each one."
        }
        onAnswered={(found) => {
          setSafety("done");
          if (found) {
            setAnsweredNow({ level: found, delivery: "sending" });
            setFocusAdvice((n) => n + 1);
          } else {
            setMoved((n) => n + 1);
          }
        }}
        onSent={onSent}
        onLater={postponesLeft > 0 ? postpone : undefined}
        postponesLeft={postponesLeft}
      />
    );
  }

  return (
    <div className="space-y-5">
      {level ? (
        <div ref={adviceRef} className="space-y-3">
          <RedFlagAdvice
            level={level}
            clinic={clinic}
            delivery={delivery}
            pausedUntil={pausedUntil}
          />
        </div>
      ) : null}
      {sendProblem ? (
        <p
          role="alert"
          className="rounded-md border border-danger/40 bg-danger-soft p-3 text-danger"
        >
          Your safety answers could not be saved: {sendProblem}
        </p>
      ) : null}
      {header}
      {safety === "later" && step === "plan" ? (
        <p className="rounded-lg border border-border bg-muted p-4">
          Your weekly safety check is still waiting.{" "}
          <button
            type="button"
            onClick={() => {
              setSafety("ask");
              setMoved((n) => n + 1);
            }}
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
      {/* During a red-flag pause the sessions pause (CSS only), also for advice given on this phone. */}
      <div className="group/flow" data-paused={level ? "true" : undefined}>
        {body}
      </div>
    </div>
  );
}
