/** What changed between two program versions, for the history the clinician reads. */

export const DOSE_FIELDS = [
  "sets",
  "reps",
  "holdSeconds",
  "restSeconds",
  "durationSeconds",
  "sessionsPerDay",
  "daysPerWeek",
  "side",
  "loadKg",
  "bandColour",
  "notes",
] as const;
export type DoseField = (typeof DOSE_FIELDS)[number];

export interface DiffItem {
  exerciseId: string;
  name: string;
  sets: number | null;
  reps: number | null;
  holdSeconds: number | null;
  restSeconds: number | null;
  durationSeconds: number | null;
  sessionsPerDay: number;
  daysPerWeek: number;
  side: string;
  loadKg: number | null;
  bandColour: string | null;
  notes: string | null;
}

export interface VersionDiff {
  added: string[];
  removed: string[];
  changed: {
    name: string;
    changes: { field: DoseField; from: string | number | null; to: string | number | null }[];
  }[];
  painLimit: { from: number; to: number } | null;
}

/**
 * Items are matched by exercise; an exercise listed twice is matched in order of appearance, so
 * "the second wall squat" stays the second one.
 */
function keyed(items: readonly DiffItem[]): Map<string, DiffItem> {
  const seen = new Map<string, number>();
  const out = new Map<string, DiffItem>();
  for (const item of items) {
    const n = (seen.get(item.exerciseId) ?? 0) + 1;
    seen.set(item.exerciseId, n);
    out.set(`${item.exerciseId}#${n}`, item);
  }
  return out;
}

export function diffVersions(
  previous: { painLimit: number; items: readonly DiffItem[] } | null,
  next: { painLimit: number; items: readonly DiffItem[] },
): VersionDiff {
  if (!previous)
    return { added: next.items.map((i) => i.name), removed: [], changed: [], painLimit: null };
  const before = keyed(previous.items);
  const after = keyed(next.items);
  const diff: VersionDiff = { added: [], removed: [], changed: [], painLimit: null };
  for (const [key, item] of after) {
    const old = before.get(key);
    if (!old) {
      diff.added.push(item.name);
      continue;
    }
    const changes = DOSE_FIELDS.filter((f) => (old[f] ?? null) !== (item[f] ?? null)).map(
      (field) => ({
        field,
        from: old[field] ?? null,
        to: item[field] ?? null,
      }),
    );
    if (changes.length > 0) diff.changed.push({ name: item.name, changes });
  }
  for (const [key, item] of before) if (!after.has(key)) diff.removed.push(item.name);
  if (previous.painLimit !== next.painLimit)
    diff.painLimit = { from: previous.painLimit, to: next.painLimit };
  return diff;
}

const FIELD_WORDS: Record<DoseField, string> = {
  sets: "sets",
  reps: "reps",
  holdSeconds: "hold (s)",
  restSeconds: "rest (s)",
  durationSeconds: "duration (s)",
  sessionsPerDay: "sessions a day",
  daysPerWeek: "days a week",
  side: "side",
  loadKg: "load (kg)",
  bandColour: "band",
  notes: "note",
};

/** One line per change, e.g. "Wall squat: reps 10 → 12". */
export function describeDiff(diff: VersionDiff): string[] {
  const show = (v: string | number | null) => (v === null || v === "" ? "none" : String(v));
  return [
    ...diff.added.map((n) => `Added ${n}`),
    ...diff.removed.map((n) => `Removed ${n}`),
    ...diff.changed.map(
      (c) =>
        `${c.name}: ${c.changes.map((ch) => `${FIELD_WORDS[ch.field]} ${show(ch.from)} → ${show(ch.to)}`).join(", ")}`,
    ),
    ...(diff.painLimit ? [`Pain limit ${diff.painLimit.from} → ${diff.painLimit.to}`] : []),
  ];
}

/** An item as saved: its exercise and every dose field, without the name the history shows. */
export type SavedItem = Omit<DiffItem, "name">;

/**
 * Whether a draft would save exactly the version in force: the same pain limit and the same
 * exercises in the same order with the same dose. Order counts, as the patient's card follows it.
 */
export function sameProgram(
  current: { painLimit: number; items: readonly SavedItem[] },
  next: { painLimit: number; items: readonly SavedItem[] },
): boolean {
  if (current.painLimit !== next.painLimit) return false;
  if (current.items.length !== next.items.length) return false;
  return current.items.every((old, i) => {
    const item = next.items[i]!;
    return (
      old.exerciseId === item.exerciseId &&
      DOSE_FIELDS.every((f) => (old[f] ?? null) === (item[f] ?? null))
    );
  });
}
