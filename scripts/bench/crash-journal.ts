import type { LoadRequest } from "./http-load";

/**
 * The phones' side of the crash bench: every answer sent, exactly as it went on the wire, and
 * whether the server acknowledged it. A real phone keeps an answer until it hears 200 and then
 * sends the very same bytes again under the same key; the journal is that memory for a crowd.
 */

export interface JournalEntry {
  key: string;
  /** Index of the patient link that sent it: the cookie is in `request.headers`. */
  patient: number;
  score: number;
  /** The round in which the answer was first sent. */
  round: number;
  /** The exact request, re-sent byte for byte until it is acknowledged. */
  request: LoadRequest;
  attempts: number;
  /** The check-in id the server acknowledged, once it has. */
  checkInId: string | null;
  /** Statuses of every attempt that was not acknowledged (0 = no answer at all). */
  failures: number[];
}

/** What one attempt's answer means for the answer it carried. */
export type Settlement = "acknowledged" | "conflict" | "unacknowledged";

export class Journal {
  private readonly entries = new Map<string, JournalEntry>();
  private readonly conflictKeys = new Set<string>();

  /** Writes the answer down before it is sent, so a kill can never lose track of it. */
  sent(entry: { patient: number; score: number; round: number; request: LoadRequest }) {
    const key = entry.request.tag;
    if (!key) throw new Error("A journaled request needs its idempotency key as its tag.");
    if (this.entries.has(key)) throw new Error("The same key was journaled twice.");
    this.entries.set(key, { ...entry, key, attempts: 1, checkInId: null, failures: [] });
  }

  /** Counts one more attempt of an answer already journaled (a re-send). */
  resent(key: string): JournalEntry {
    const entry = this.entry(key);
    if (entry.checkInId !== null) throw new Error("An acknowledged answer is never re-sent.");
    entry.attempts++;
    return entry;
  }

  /**
   * Records an attempt's answer. 200 acknowledges (with the check-in id the server names); 409 means
   * the server holds the key with other content, which for a byte-identical re-send is a bug;
   * anything else (0 for a dropped connection) leaves the answer to be sent again.
   */
  settle(key: string, status: number, responseBody: string): Settlement {
    const entry = this.entry(key);
    if (status === 200) {
      const checkInId = checkInIdOf(responseBody);
      if (checkInId === null) {
        entry.failures.push(status);
        return "unacknowledged";
      }
      entry.checkInId = checkInId;
      return "acknowledged";
    }
    entry.failures.push(status);
    if (status === 409) {
      this.conflictKeys.add(key);
      return "conflict";
    }
    return "unacknowledged";
  }

  all(): JournalEntry[] {
    return [...this.entries.values()];
  }

  acknowledged(): JournalEntry[] {
    return this.all().filter((e) => e.checkInId !== null);
  }

  /** Answers still waiting for a 200 that are worth sending again (a conflict never heals). */
  unacknowledged(): JournalEntry[] {
    return this.all().filter((e) => e.checkInId === null && !this.conflictKeys.has(e.key));
  }

  conflicts(): JournalEntry[] {
    return [...this.conflictKeys].map((k) => this.entry(k));
  }

  private entry(key: string): JournalEntry {
    const entry = this.entries.get(key);
    if (!entry) throw new Error("An answer that was never journaled came back.");
    return entry;
  }
}

/**
 * The check-in id in a tRPC answer (`{"result":{"data":{"json":{"checkInId":…}}}}` with
 * superjson), or null when the body is not a stored answer.
 */
export function checkInIdOf(responseBody: string): string | null {
  try {
    const parsed = JSON.parse(responseBody) as {
      result?: { data?: { json?: { checkInId?: unknown } } };
    };
    const id = parsed.result?.data?.json?.checkInId;
    return typeof id === "string" && id.length > 0 ? id : null;
  } catch {
    return null;
  }
}

/**
 * When a UUIDv7 was made, from its first 48 bits (milliseconds since the epoch). Check-in ids are
 * made inside the transaction that stores them, so an id older than the kill names an answer that
 * was committed before the kill whose reply never reached the phone.
 */
export function uuidv7Millis(id: string): number {
  const hex = id.replace(/-/g, "").slice(0, 12);
  if (!/^[0-9a-f]{12}$/i.test(hex)) throw new Error("Not a UUID.");
  return parseInt(hex, 16);
}

/**
 * The same answer with another pain score, in the same wire format: the bench chooses scores from
 * its seeded generator (and sends 10s on purpose, so pain alerts are raised).
 */
export function withScore(request: LoadRequest, score: number): LoadRequest {
  const body = JSON.parse(request.body) as { json: Record<string, unknown> };
  return { ...request, body: JSON.stringify({ ...body, json: { ...body.json, score } }) };
}

/** mulberry32: a small seeded generator in [0, 1), so a run's kill moments and scores repeat. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
