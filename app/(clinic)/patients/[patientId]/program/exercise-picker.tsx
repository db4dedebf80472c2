"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import {
  CONDITIONS,
  EXERCISE_CATEGORIES,
  type Condition,
  type ExerciseCategory,
} from "@/db/schema/enums";
import { CATEGORY_LABELS, CONDITION_LABELS, SIDEDNESS_LABELS } from "@/lib/labels";
import type { AppRouter } from "@/server/root";
import type { inferRouterOutputs } from "@trpc/server";

export type PickedExercise = inferRouterOutputs<AppRouter>["library"]["list"]["results"][number];

const selectClass =
  "mt-1 min-h-11 w-full rounded-md border border-border bg-background px-2 text-base";

/** Searches the library as the clinician types; archived exercises are never offered. */
export function ExercisePicker({ onPick }: { onPick: (exercise: PickedExercise) => void }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [debounced, setDebounced] = useState("");
  const [category, setCategory] = useState<ExerciseCategory | "">("");
  const [condition, setCondition] = useState<Condition | "">("");
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(search), 200);
    return () => clearTimeout(timer);
  }, [search]);
  const query = useQuery({
    ...trpc.library.list.queryOptions({
      search: debounced || undefined,
      category: category || undefined,
      condition: condition || undefined,
      includeArchived: false,
    }),
    placeholderData: keepPreviousData,
  });

  return (
    <section
      aria-labelledby="picker-heading"
      className="rounded-lg border border-border bg-background p-4"
    >
      <h2 id="picker-heading" className="text-lg font-semibold">
        Add exercises
      </h2>
      <div className="mt-2 grid gap-3 sm:grid-cols-3 xl:grid-cols-1">
        <div>
          <Label htmlFor="picker-search">Search the library</Label>
          <Input
            id="picker-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Name, target or step"
            className="mt-1"
          />
        </div>
        <div>
          <Label htmlFor="picker-category">Category</Label>
          <select
            id="picker-category"
            className={selectClass}
            value={category}
            onChange={(e) => setCategory(e.target.value as ExerciseCategory | "")}
          >
            <option value="">All categories</option>
            {EXERCISE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="picker-condition">Condition</Label>
          <select
            id="picker-condition"
            className={selectClass}
            value={condition}
            onChange={(e) => setCondition(e.target.value as Condition | "")}
          >
            <option value="">All conditions</option>
            {CONDITIONS.map((c) => (
              <option key={c} value={c}>
                {CONDITION_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status" aria-live="polite" className="mt-2 text-sm text-muted-foreground">
        {query.isFetching
          ? "Searching…"
          : query.data
            ? `${query.data.total} exercise${query.data.total === 1 ? "" : "s"}`
            : ""}
      </p>
      {query.error ? (
        <p role="alert" className="text-sm text-danger">
          {errorMessage(query.error)}
        </p>
      ) : null}
      <ul
        className="mt-2 max-h-80 divide-y divide-border overflow-y-auto rounded-md border border-border"
        aria-label="Library results"
      >
        {(query.data?.results ?? []).map((e) => (
          <li key={e.id} className="flex items-center gap-3 px-3 py-2">
            <div className="min-w-0 flex-1">
              <p className="font-medium">{e.name}</p>
              <p className="text-sm text-muted-foreground">
                {CATEGORY_LABELS[e.category]} · {e.targetStructure} ·{" "}
                {SIDEDNESS_LABELS[e.sidedness].toLowerCase()}
              </p>
            </div>
            <Button
              type="button"
              size="sm"
              variant="secondary"
              onClick={() => onPick(e)}
              aria-label={`Add ${e.name}`}
            >
              Add
            </Button>
          </li>
        ))}
        {query.data && query.data.results.length === 0 ? (
          <li className="px-3 py-4 text-center text-muted-foreground">
            No exercises match. Try fewer words or clear a filter.
          </li>
        ) : null}
      </ul>
    </section>
  );
}
