/** A patient link as the link list returns it; only what the summary needs. */
export interface LinkFacts {
  createdAt: Date;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  active: boolean;
}

/** What the summary says of the patient's links, in one line. */
export type LinkState =
  /** Discharged: no link opens the plan, whatever the list holds. */
  | { kind: "off" }
  | { kind: "none" }
  | { kind: "working"; count: number; until: Date; lastUsedAt: Date | null }
  /** Links exist but none works: how the newest one stopped. */
  | { kind: "stopped"; how: "expired" | "revoked"; at: Date };

const latest = (dates: (Date | null)[]): Date | null =>
  dates.reduce<Date | null>((best, d) => (d && (!best || d > best) ? d : best), null);

export function linkState(links: readonly LinkFacts[], discharged: boolean): LinkState {
  if (discharged) return { kind: "off" };
  if (links.length === 0) return { kind: "none" };
  const working = links.filter((l) => l.active);
  if (working.length > 0) {
    return {
      kind: "working",
      count: working.length,
      until: latest(working.map((l) => l.expiresAt))!,
      lastUsedAt: latest(working.map((l) => l.lastUsedAt)),
    };
  }
  const newest = links.reduce((a, b) => (b.createdAt > a.createdAt ? b : a));
  return newest.revokedAt
    ? { kind: "stopped", how: "revoked", at: newest.revokedAt }
    : { kind: "stopped", how: "expired", at: newest.expiresAt };
}
