/**
 * The phone's outbox: every answer is written here first, under the key made when the patient
 * tapped, then sent. What cannot be sent (offline, server unreachable) stays and is sent again
 * when the phone is back online or the page loads. The server stores each key once, so sending
 * twice never duplicates. Plain fetch to the tRPC endpoint keeps the patient pages' JavaScript
 * small (no client library).
 */

export type OutboxPath =
  | "checkIns.morningPain"
  | "checkIns.exerciseSession"
  | "checkIns.exercisePain"
  | "checkIns.safetyCheck"
  | "checkIns.postponeSafetyCheck"
  | "measures.answer"
  | "messages.send";

export interface OutboxEntry {
  key: string;
  path: OutboxPath;
  input: Record<string, unknown>;
  /** What the patient reads in the "waiting to be sent" list. */
  label: string;
  queuedAt: string;
}

/**
 * The server took no more answers from this link for now (HTTP 429, decision 016): the answer is
 * kept and sent again by itself once the server's wait is over. Nothing is lost.
 */
export interface Hold {
  /** The server's sentence, for anything other than this phone's own wording. */
  message: string;
  /** When the server said to try again (ms since the epoch, this phone's clock). */
  until: number;
}

export type SendResult =
  | { status: "sent"; data: unknown }
  | { status: "queued"; hold?: Hold }
  | { status: "refused"; message: string };

const STORAGE_KEY = "rehabit-outbox";
/**
 * How long one send may take before the answer is left waiting for the next try: a network that
 * never answers must not keep an answer "sending" forever.
 */
export const SEND_TIMEOUT_MS = 10_000;
/** Entries being sent right now by `submit`: not "waiting", and not sent a second time by a flush. */
const inFlight = new Set<string>();
export const OUTBOX_EVENT = "rehabit:outbox";

/**
 * The wait when the server names none, and the longest one believed: the server's longest window
 * is a day, and a far larger number would overflow the retry timer.
 */
const DEFAULT_HOLD_MS = 60_000;
const LONGEST_HOLD_MS = 25 * 60 * 60_000;
/** The latest wait the server asked for, until an answer goes through again. */
let hold: Hold | null = null;

/** The wait the server asked for, if answers are being held back; null when sending freely. */
export function currentHold(): Hold | null {
  return hold;
}

function setHold(next: Hold | null) {
  if (next === hold) return;
  hold = next;
  window.dispatchEvent(new Event(OUTBOX_EVENT));
}

/** The wait the server asked for (Retry-After, in seconds), from now on this phone's clock. */
function holdFrom(response: Response, message: string | undefined): Hold {
  const seconds = Number(response.headers.get("Retry-After"));
  const wait =
    Number.isFinite(seconds) && seconds > 0
      ? Math.min(seconds * 1000, LONGEST_HOLD_MS)
      : DEFAULT_HOLD_MS;
  return {
    message: message ?? "You have sent a lot of answers in a short time. Please wait a minute.",
    until: Date.now() + wait,
  };
}

/** "in a minute", "in 25 minutes", "in about 3 hours": when a held answer goes again. */
function holdInWords(held: Hold, now = Date.now()): string {
  const minutes = Math.ceil((held.until - now) / 60_000);
  if (minutes <= 1) return "in a minute";
  if (minutes < 60) return `in ${minutes} minutes`;
  const hours = Math.ceil(minutes / 60);
  return hours === 1 ? "in an hour" : `in about ${hours} hours`;
}

/** A version 4 UUID, also where `crypto.randomUUID` is missing (plain http on a local network). */
export function newKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** What waits to be sent, oldest first (not counting answers being sent this moment). */
export function readOutbox(): OutboxEntry[] {
  return readStored().filter((e) => !inFlight.has(e.key));
}

/** Every answer of one kind kept on this phone, also those being sent this moment. */
export function readKept(path: OutboxPath): OutboxEntry[] {
  return readStored().filter((e) => e.path === path);
}

function readStored(): OutboxEntry[] {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    return Object.values(parsed as Record<string, OutboxEntry>).sort((a, b) =>
      a.queuedAt.localeCompare(b.queuedAt),
    );
  } catch {
    return [];
  }
}

function writeOutbox(entries: OutboxEntry[], notify = true) {
  try {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify(Object.fromEntries(entries.map((e) => [e.key, e]))),
    );
  } catch {
    // Storage full or disabled (private mode): the answer is still sent while online.
  }
  if (notify) window.dispatchEvent(new Event(OUTBOX_EVENT));
}

function remove(key: string) {
  writeOutbox(readStored().filter((e) => e.key !== key));
}

/**
 * What the patient reads when the server asked the phone to wait (decision 016). In the phone's
 * own words rather than the server's "try again": the phone sends it by itself, and tapping again
 * would make a second answer.
 */
export function heldSentence(hold: Hold, now = Date.now()): string {
  return `You have sent a lot of answers, so this phone keeps them for now and sends them by itself ${holdInWords(hold, now)}. You do not need to answer again.`;
}

/** Sends one entry; "queued" means try again later, "refused" means it can never be stored. */
async function post(entry: OutboxEntry): Promise<SendResult> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), SEND_TIMEOUT_MS);
  let response: Response;
  let body: {
    result?: { data?: { json?: unknown } };
    error?: { json?: { message?: string } };
  } | null;
  try {
    response = await fetch(`/api/trpc/${entry.path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ json: { ...entry.input, idempotencyKey: entry.key } }),
      credentials: "same-origin",
      signal: abort.signal,
    });
    // The body can hang too; an answer cut off here is sent again, and stored once by its key.
    body = (await response.json().catch((error: unknown) => {
      if (abort.signal.aborted) throw error;
      return null;
    })) as typeof body;
  } catch {
    return { status: "queued" };
  } finally {
    clearTimeout(timer);
  }
  if (response.ok) return { status: "sent", data: body?.result?.data?.json };
  // Too many answers for now: kept, and sent again once the server's wait is over.
  if (response.status === 429) {
    return { status: "queued", hold: holdFrom(response, body?.error?.json?.message) };
  }
  // A server hiccup or a link being replaced may pass; a refused answer (conflict, invalid) will not.
  // 403 is the cross-site check (decision 020): no patient procedure forbids, so it means the
  // server's public address is set to another one than the phone uses. Kept until that is fixed.
  if (response.status >= 500 || response.status === 401 || response.status === 403)
    return { status: "queued" };
  return {
    status: "refused",
    message: body?.error?.json?.message ?? "This answer could not be saved. Please answer again.",
  };
}

/**
 * A hold starts with the server's 429 and ends with the next answer it takes, other than a safety
 * check (those are taken past the other limits, so they say nothing about the rest).
 */
function noteHold(path: OutboxPath, result: SendResult) {
  if (result.status === "queued" && result.hold) setHold(result.hold);
  else if (result.status === "sent" && path !== "checkIns.safetyCheck") setHold(null);
}

/**
 * Keeps the entry on the phone, then tries to send it at once. The "waiting" list hears of it
 * only when it could not be sent, so a normal answer does not flash up as waiting.
 */
export async function submit(entry: Omit<OutboxEntry, "queuedAt">): Promise<SendResult> {
  const full: OutboxEntry = { ...entry, queuedAt: new Date().toISOString() };
  writeOutbox([...readStored().filter((e) => e.key !== full.key), full], false);
  inFlight.add(full.key);
  const result = navigator.onLine ? await post(full) : ({ status: "queued" } as const);
  inFlight.delete(full.key);
  noteHold(full.path, result);
  if (result.status === "queued") window.dispatchEvent(new Event(OUTBOX_EVENT));
  else
    writeOutbox(
      readStored().filter((e) => e.key !== full.key),
      false,
    );
  return result;
}

let flushing: Promise<{ sent: number; refused: string[] }> | null = null;

/**
 * Sends everything waiting, oldest first; one run at a time. It stops at the first answer that
 * cannot be sent (offline, server down). When the server holds answers back, only safety checks
 * are still tried: the server takes those past the other limits, and a red flag must not wait.
 */
export function flushOutbox(): Promise<{ sent: number; refused: string[] }> {
  flushing ??= (async () => {
    let sent = 0;
    const refused: string[] = [];
    let held = false;
    for (const entry of readOutbox()) {
      if (held && entry.path !== "checkIns.safetyCheck") continue;
      const result = await post(entry);
      noteHold(entry.path, result);
      if (result.status === "queued" && result.hold) {
        held = true;
        continue;
      }
      if (result.status === "queued") break;
      remove(entry.key);
      if (result.status === "sent") sent++;
      else refused.push(`${entry.label}: ${result.message}`);
    }
    return { sent, refused };
  })().finally(() => {
    flushing = null;
  });
  return flushing;
}
