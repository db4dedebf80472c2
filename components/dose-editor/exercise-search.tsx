"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { Plus } from "lucide-react";
import { useEffect, useState } from "react";
import { FigureThumbnail } from "@/components/figure/figure-thumbnail";
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
import { Select } from "./fields";

export type FoundExercise = inferRouterOutputs<AppRouter>["library"]["list"]["results"][number];

/** The drawing of an exercise, or an empty square of the same size so the names line up. */
export function ExerciseThumb({
  name,
  figure,
  size = "md",
}: {
  name: string;
  figure: FoundExercise["figure"];
  size?: "sm" | "md";
}) {
  const box = size === "sm" ? "size-10" : "size-12";
  return (
    <span
      className={`${box} flex shrink-0 items-center justify-center overflow-hidden rounded-md border border-border bg-muted/40`}
      aria-hidden={figure ? undefined : true}
    >
      {figure ? <FigureThumbnail figure={figure} label={`Drawing of ${name}`} /> : null}
    </span>
  );
}

/**
 * Searches the library as the user types, for the program builder and the template editor alike.
 * Archived exercises are never offered.
 */
export function ExerciseSearch({
  onPick,
  invalid,
  describedBy,
}: {
  onPick: (exercise: FoundExercise) => void;
  /** When the list needs an exercise ("Add at least one exercise."), said by `describedBy`. */
  invalid?: boolean;
  describedBy?: string;
}) {
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
  const results = query.data?.results ?? [];

  return (
    <section
      aria-labelledby="picker-heading"
      className="rounded-lg border border-border bg-background p-4"
    >
      <h2 id="picker-heading" className="text-lg font-semibold">
        Add exercises
      </h2>
      <div className="mt-2 grid gap-3 sm:grid-cols-3 lg:grid-cols-1">
        <div>
          <Label htmlFor="picker-search">Search the library</Label>
          <Input
            id="picker-search"
            type="search"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            placeholder="Name, target or step"
            aria-invalid={invalid ? true : undefined}
            aria-describedby={invalid ? describedBy : undefined}
            className="mt-1"
          />
        </div>
        <div>
          <Label htmlFor="picker-category">Category</Label>
          <Select
            id="picker-category"
            className="mt-1"
            value={category}
            onChange={(e) => setCategory(e.target.value as ExerciseCategory | "")}
          >
            <option value="">All categories</option>
            {EXERCISE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </Select>
        </div>
        <div>
          <Label htmlFor="picker-condition">Suits the condition</Label>
          <Select
            id="picker-condition"
            className="mt-1"
            value={condition}
            onChange={(e) => setCondition(e.target.value as Condition | "")}
          >
            <option value="">Any condition</option>
            {CONDITIONS.map((c) => (
              <option key={c} value={c}>
                {CONDITION_LABELS[c]}
              </option>
            ))}
          </Select>
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
        className="mt-2 max-h-[26rem] divide-y divide-border overflow-y-auto rounded-md border border-border"
        aria-label="Library results"
      >
        {results.map((e) => (
          <li key={e.id} className="flex items-center gap-3 px-3 py-2">
            <ExerciseThumb name={e.name} figure={e.figure} />
            <div className="min-w-0 flex-1">
              <p className="font-medium">{e.name}</p>
              <p className="text-sm text-muted-foreground">
                {CATEGORY_LABELS[e.category]} · {SIDEDNESS_LABELS[e.sidedness].toLowerCase()}
                {e.origin === "clinic" ? " · your clinic" : ""}
              </p>
            </div>
            <Button type="button" size="sm" variant="secondary" onClick={() => onPick(e)}>
              <Plus aria-hidden="true" className="size-4" />
              Add<span className="sr-only"> {e.name}</span>
            </Button>
          </li>
        ))}
        {query.data && results.length === 0 ? (
          <li className="px-3 py-4 text-center text-muted-foreground">
            No exercises match. Try fewer words or clear a filter.
          </li>
        ) : null}
      </ul>
    </section>
  );
}
