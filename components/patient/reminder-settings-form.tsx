"use client";

import { useEffect, useId, useState } from "react";

type Channel = "push" | "email" | "none";

interface Choices {
  remindersOn: boolean;
  remindAt: string;
  weekdays: number[];
  channel: Channel;
  email: string;
}

const DAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;
const DAY_NAMES = [
  "Monday",
  "Tuesday",
  "Wednesday",
  "Thursday",
  "Friday",
  "Saturday",
  "Sunday",
] as const;

/** What this browser can do with notifications, in words the patient can act on. */
type PushSupport =
  | { ok: true }
  | {
      ok: false;
      reason: "checking" | "not-set-up" | "ios-home-screen" | "unsupported" | "blocked";
    };

const PUSH_WORDS: Record<Exclude<PushSupport, { ok: true }>["reason"], string> = {
  checking: "Checking what this phone can do…",
  "not-set-up": "Your clinic has not set up notifications yet. Choose email or the calendar.",
  "ios-home-screen":
    "On an iPhone or iPad, add this plan to your Home Screen first: tap Share, then “Add to Home Screen”. Then open the plan from the Home Screen and come back here.",
  unsupported:
    "This browser cannot show notifications from a website. Try Chrome or Firefox, or choose email or the calendar.",
  blocked:
    "Notifications are blocked for this site. Allow them in your browser’s or phone’s settings, then come back here.",
};

function detectPush(publicKey: string | null): PushSupport {
  if (!publicKey) return { ok: false, reason: "not-set-up" };
  const ios = /iPad|iPhone|iPod/.test(navigator.userAgent);
  const standalone =
    window.matchMedia("(display-mode: standalone)").matches ||
    (navigator as { standalone?: boolean }).standalone === true;
  if (
    !("serviceWorker" in navigator) ||
    !("PushManager" in window) ||
    !("Notification" in window)
  ) {
    return { ok: false, reason: ios && !standalone ? "ios-home-screen" : "unsupported" };
  }
  if (Notification.permission === "denied") return { ok: false, reason: "blocked" };
  return { ok: true };
}

/** The VAPID key as the bytes PushManager.subscribe wants. */
function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, "+").replace(/_/g, "/");
  const raw = atob(base64 + "=".repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** One patient procedure, straight to the server: these settings need the network anyway. */
async function callPatient<T>(path: string, input?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: input ?? null }),
      credentials: "same-origin",
    });
  } catch {
    throw new Error("No connection. Please try again when you are online.");
  }
  const body = (await response.json().catch(() => null)) as {
    result?: { data?: { json?: T } };
    error?: {
      json?: { message?: string; data?: { fieldErrors?: Record<string, string[]> | null } };
    };
  } | null;
  if (response.ok) return body?.result?.data?.json as T;
  // Bad input comes back field by field: the first field's own sentence says what to fix.
  const fieldErrors = body?.error?.json?.data?.fieldErrors ?? {};
  const first = Object.values(fieldErrors).flat()[0];
  throw new Error(first ?? body?.error?.json?.message ?? "That did not work. Please try again.");
}

function readable(error: unknown): string {
  return error instanceof Error ? error.message : "That did not work. Please try again.";
}

function daysText(weekdays: number[]): string {
  if (weekdays.length === 7) return "every day";
  return weekdays.map((d) => DAY_NAMES[d]).join(", ");
}

/**
 * The reminder settings: whether and when (days, time on the patient's own clock), how (this
 * phone's notifications, email, or none), and a calendar address. Everything the patient typed
 * stays when the server says no.
 */
export function ReminderSettingsForm(props: {
  initial: Choices;
  pushPhones: number;
  pushPublicKey: string | null;
  mailReady: boolean;
  daysPerWeek: number;
  hasCalendar: boolean;
}) {
  const id = useId();
  const [choices, setChoices] = useState<Choices>(props.initial);
  const [push, setPush] = useState<PushSupport>({ ok: false, reason: "checking" });
  const [thisPhone, setThisPhone] = useState<"unknown" | "on" | "off">("unknown");
  const [pushBusy, setPushBusy] = useState(false);
  const [pushError, setPushError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ kind: "saved" | "error"; text: string } | null>(null);
  const [calendar, setCalendar] = useState<string | null>(null);
  const [calendarError, setCalendarError] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    let cancelled = false;
    void (async () => {
      const support = detectPush(props.pushPublicKey);
      let phone: "on" | "off" = "off";
      if (support.ok) {
        try {
          const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/p" });
          phone = (await registration.pushManager.getSubscription()) ? "on" : "off";
        } catch {
          // No worker (private mode): notifications cannot be turned on here.
        }
      }
      if (cancelled) return;
      setPush(support);
      setThisPhone(phone);
    })();
    return () => {
      cancelled = true;
    };
  }, [props.pushPublicKey]);

  const set = (change: Partial<Choices>) => {
    setChoices((c) => ({ ...c, ...change }));
    setStatus(null);
  };

  async function turnOnPush() {
    setPushError(null);
    setPushBusy(true);
    try {
      const permission = await Notification.requestPermission();
      if (permission !== "granted") {
        setPush({ ok: false, reason: permission === "denied" ? "blocked" : "unsupported" });
        return;
      }
      const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/p" });
      await navigator.serviceWorker.ready;
      const subscription =
        (await registration.pushManager.getSubscription()) ??
        (await registration.pushManager.subscribe({
          userVisibleOnly: true,
          applicationServerKey: keyBytes(props.pushPublicKey!),
        }));
      const json = subscription.toJSON();
      await callPatient("reminders.subscribePush", { endpoint: json.endpoint, keys: json.keys });
      setThisPhone("on");
      set({ channel: "push" });
    } catch (error) {
      setPushError(
        error instanceof Error && error.name === "AbortError"
          ? "This phone’s notification service could not be reached. Check your connection and try again."
          : readable(error),
      );
    } finally {
      setPushBusy(false);
    }
  }

  async function turnOffPush() {
    setPushError(null);
    setPushBusy(true);
    try {
      const registration = await navigator.serviceWorker.getRegistration("/p");
      const subscription = await registration?.pushManager.getSubscription();
      if (subscription) {
        await callPatient("reminders.unsubscribePush", { endpoint: subscription.endpoint });
        await subscription.unsubscribe();
      }
      setThisPhone("off");
      if (choices.channel === "push") set({ channel: "none" });
    } catch (error) {
      setPushError(readable(error));
    } finally {
      setPushBusy(false);
    }
  }

  async function save(event: React.FormEvent) {
    event.preventDefault();
    setSaving(true);
    setStatus(null);
    try {
      await callPatient("reminders.save", {
        remindersOn: choices.remindersOn,
        remindAt: choices.remindAt,
        weekdays: [...choices.weekdays].sort(),
        channel: choices.channel,
        email: choices.channel === "email" ? choices.email.trim() : null,
      });
      const how =
        choices.channel === "push"
          ? "by a notification on this phone"
          : choices.channel === "email"
            ? `by email to ${choices.email.trim()}`
            : "only in your calendar, if you add it below";
      setStatus({
        kind: "saved",
        text: choices.remindersOn
          ? `Saved. We will remind you ${daysText(choices.weekdays)} at ${choices.remindAt}, ${how}.`
          : "Saved. Reminders are off.",
      });
    } catch (error) {
      setStatus({ kind: "error", text: readable(error) });
    } finally {
      setSaving(false);
    }
  }

  async function makeCalendar() {
    setCalendarError(null);
    setCopied(false);
    try {
      const { path } = await callPatient<{ path: string }>("reminders.calendarFeed");
      setCalendar(`${location.origin}${path}`);
    } catch (error) {
      setCalendarError(readable(error));
    }
  }

  const pushReady = push.ok && thisPhone === "on";
  const hint = (name: string) => `${id}-${name}`;

  return (
    <div className="space-y-5">
      <form onSubmit={save} className="space-y-5" noValidate aria-describedby={hint("status")}>
        <section
          aria-labelledby={hint("when")}
          className="space-y-4 rounded-lg border border-border p-4"
        >
          <h2 id={hint("when")} className="text-xl font-semibold">
            When
          </h2>
          <label className="flex min-h-11 items-center gap-3 text-lg font-medium">
            <input
              type="checkbox"
              className="size-6 accent-primary"
              checked={choices.remindersOn}
              onChange={(e) => set({ remindersOn: e.target.checked })}
            />
            Remind me to do my exercises
          </label>
          <fieldset className="space-y-2" disabled={!choices.remindersOn}>
            <legend className="font-medium">On these days</legend>
            {props.daysPerWeek > 0 && props.daysPerWeek < 7 ? (
              <p className="text-muted-foreground" id={hint("days-hint")}>
                Your plan asks for {props.daysPerWeek} days a week. You choose which.
              </p>
            ) : null}
            <div className="grid grid-cols-4 gap-2 sm:grid-cols-7">
              {DAYS.map((day, index) => (
                <label
                  key={day}
                  className="flex min-h-11 items-center justify-center gap-2 rounded-md border border-border px-2 has-[:checked]:border-primary has-[:checked]:bg-primary-soft has-[:checked]:font-semibold"
                >
                  <input
                    type="checkbox"
                    className="size-5 accent-primary"
                    checked={choices.weekdays.includes(index)}
                    onChange={(e) =>
                      set({
                        weekdays: e.target.checked
                          ? [...choices.weekdays, index]
                          : choices.weekdays.filter((d) => d !== index),
                      })
                    }
                  />
                  <span>
                    <span aria-hidden="true">{day}</span>
                    <span className="sr-only">{DAY_NAMES[index]}</span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
          <div className="space-y-1">
            <label htmlFor={hint("time")} className="block font-medium">
              At this time
            </label>
            <input
              id={hint("time")}
              type="time"
              min="07:00"
              max="21:00"
              step={900}
              required
              disabled={!choices.remindersOn}
              value={choices.remindAt}
              aria-describedby={hint("time-hint")}
              onChange={(e) => set({ remindAt: e.target.value })}
              className="min-h-11 rounded-md border border-border px-3 text-lg"
            />
            <p id={hint("time-hint")} className="text-muted-foreground">
              Between 07:00 and 21:00, your own time. Nothing is sent at night. If you have already
              done that day’s exercises, there is no reminder.
            </p>
          </div>
        </section>

        <section
          aria-labelledby={hint("how")}
          className="space-y-4 rounded-lg border border-border p-4"
        >
          <h2 id={hint("how")} className="text-xl font-semibold">
            How
          </h2>
          <fieldset className="space-y-3">
            <legend className="sr-only">How to remind me</legend>
            <div className="space-y-2">
              <label className="flex min-h-11 items-center gap-3 font-medium">
                <input
                  type="radio"
                  name="channel"
                  className="size-5 accent-primary"
                  checked={choices.channel === "push"}
                  disabled={!pushReady}
                  aria-describedby={hint("push-state")}
                  onChange={() => set({ channel: "push" })}
                />
                A notification on this phone
              </label>
              <div id={hint("push-state")} className="space-y-2 pl-8">
                {!push.ok ? (
                  <p className="text-muted-foreground">{PUSH_WORDS[push.reason]}</p>
                ) : thisPhone === "on" ? (
                  <>
                    <p>Notifications are on for this phone.</p>
                    <button
                      type="button"
                      onClick={turnOffPush}
                      disabled={pushBusy}
                      className="min-h-11 rounded-md border border-border px-4 font-medium"
                    >
                      Turn off notifications on this phone
                    </button>
                  </>
                ) : (
                  <>
                    <p className="text-muted-foreground">
                      Your phone will ask if Rehabit may show notifications. Tap “Allow”.
                    </p>
                    <button
                      type="button"
                      onClick={turnOnPush}
                      disabled={pushBusy || thisPhone === "unknown"}
                      className="min-h-11 rounded-md border-2 border-primary px-4 font-semibold text-primary"
                    >
                      {pushBusy ? "Turning on…" : "Turn on notifications"}
                    </button>
                  </>
                )}
                {pushError ? (
                  <p role="alert" className="text-danger">
                    {pushError}
                  </p>
                ) : null}
              </div>
            </div>
            <div className="space-y-2">
              <label className="flex min-h-11 items-center gap-3 font-medium">
                <input
                  type="radio"
                  name="channel"
                  className="size-5 accent-primary"
                  checked={choices.channel === "email"}
                  disabled={!props.mailReady}
                  aria-describedby={hint("email-state")}
                  onChange={() => set({ channel: "email" })}
                />
                Email
              </label>
              <div id={hint("email-state")} className="space-y-1 pl-8">
                {props.mailReady ? (
                  <>
                    <label htmlFor={hint("email")} className="block">
                      Your email address
                    </label>
                    <input
                      id={hint("email")}
                      type="email"
                      inputMode="email"
                      autoComplete="email"
                      value={choices.email}
                      onChange={(e) => set({ email: e.target.value, channel: "email" })}
                      className="min-h-11 w-full rounded-md border border-border px-3"
                    />
                    <p className="text-muted-foreground">
                      Used only for these reminders. Every email has a link to stop them.
                    </p>
                  </>
                ) : (
                  <p className="text-muted-foreground">Your clinic has not set up email yet.</p>
                )}
              </div>
            </div>
            <label className="flex min-h-11 items-center gap-3 font-medium">
              <input
                type="radio"
                name="channel"
                className="size-5 accent-primary"
                checked={choices.channel === "none"}
                onChange={() => set({ channel: "none" })}
              />
              No message (only my calendar, below)
            </label>
          </fieldset>
        </section>

        <div className="space-y-3">
          <button
            type="submit"
            disabled={saving}
            className="min-h-12 w-full rounded-md bg-primary px-5 text-lg font-semibold text-primary-foreground sm:w-auto"
          >
            {saving ? "Saving…" : "Save my reminders"}
          </button>
          <div id={hint("status")} aria-live="polite">
            {status ? (
              <p
                role={status.kind === "error" ? "alert" : "status"}
                className={
                  status.kind === "error"
                    ? "rounded-md border-2 border-danger bg-danger-soft p-3 text-danger"
                    : "rounded-md border-2 border-primary bg-primary-soft p-3"
                }
              >
                {status.text}
              </p>
            ) : null}
          </div>
        </div>
      </form>

      <section
        aria-labelledby={hint("calendar")}
        className="space-y-3 rounded-lg border border-border p-4"
      >
        <h2 id={hint("calendar")} className="text-xl font-semibold">
          In my calendar
        </h2>
        <p>
          Add your exercise days to your phone’s calendar, at your reminder time. The calendar stops
          if your clinic stops your link.
        </p>
        {calendar ? (
          <div className="space-y-2">
            <label htmlFor={hint("calendar-url")} className="block font-medium">
              Your calendar address
            </label>
            <input
              id={hint("calendar-url")}
              readOnly
              value={calendar}
              onFocus={(e) => e.target.select()}
              className="min-h-11 w-full rounded-md border border-border px-3 font-mono text-sm"
            />
            <div className="flex flex-wrap gap-3">
              <a
                href={calendar.replace(/^https?:/, "webcal:")}
                className="inline-flex min-h-11 items-center rounded-md bg-primary px-4 font-semibold text-primary-foreground"
              >
                Add to my calendar
              </a>
              <button
                type="button"
                className="min-h-11 rounded-md border border-border px-4 font-medium"
                onClick={() => {
                  void navigator.clipboard?.writeText(calendar).then(() => setCopied(true));
                }}
              >
                Copy address
              </button>
            </div>
            <p role="status" className="text-muted-foreground">
              {copied
                ? "Copied."
                : "Keep this address to yourself: anyone with it sees your exercise days."}
            </p>
          </div>
        ) : (
          <>
            {props.hasCalendar ? (
              <p className="text-muted-foreground">
                You already have a calendar address. Making a new one stops the old one.
              </p>
            ) : null}
            <button
              type="button"
              onClick={makeCalendar}
              className="min-h-11 rounded-md border-2 border-primary px-4 font-semibold text-primary"
            >
              {props.hasCalendar ? "Make a new calendar address" : "Get my calendar address"}
            </button>
          </>
        )}
        {calendarError ? (
          <p role="alert" className="text-danger">
            {calendarError}
          </p>
        ) : null}
      </section>
    </div>
  );
}
