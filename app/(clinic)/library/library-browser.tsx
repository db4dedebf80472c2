"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { FigureThumbnail } from "@/components/figure/figure-thumbnail";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Badge } from "@/components/ui/badge";
import { Input, Label } from "@/components/ui/input";
import {
  BODY_REGIONS,
  CONDITIONS,
  EXERCISE_CATEGORIES,
  type BodyRegion,
  type Condition,
  type ExerciseCategory,
} from "@/db/schema/enums";
import { BODY_REGION_LABELS, CATEGORY_LABELS, CONDITION_LABELS } from "@/lib/labels";
import type { AppRouter } from "@/server/root";
import type { inferRouterOutputs } from "@trpc/server";

export interface LibraryFilters {
  search: string;
  category: ExerciseCategory | undefined;
  bodyRegion: BodyRegion | undefined;
  condition: Condition | undefined;
  includeArchived: boolean;
}

type LibraryList = inferRouterOutputs<AppRouter>["library"]["list"];

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

function toQueryString(f: LibraryFilters): string {
  const params = new URLSearchParams();
  if (f.search) params.set("q", f.search);
  if (f.category) params.set("category", f.category);
  if (f.bodyRegion) params.set("region", f.bodyRegion);
  if (f.condition) params.set("condition", f.condition);
  if (f.includeArchived) params.set("archived", "1");
  const text = params.toString();
  return text ? `?${text}` : "";
}

const selectClass =
  "mt-1 min-h-11 w-full rounded-md border border-border bg-background px-2 text-base";

/** Search as you type and filter with counts; the view lives in the address so it can be shared. */
export function LibraryBrowser({
  initialFilters,
  initial,
}: {
  initialFilters: LibraryFilters;
  initial: LibraryList;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const pathname = usePathname();
  const [filters, setFilters] = useState(initialFilters);
  const debounced = useDebounced(filters, 200);
  const query = useQuery({
    ...trpc.library.list.queryOptions(debounced),
    placeholderData: keepPreviousData,
    initialData: debounced === initialFilters ? initial : undefined,
  });

  useEffect(() => {
    router.replace(`${pathname}${toQueryString(debounced)}`, { scroll: false });
  }, [debounced, pathname, router]);

  const data = query.data ?? initial;
  const set = <K extends keyof LibraryFilters>(key: K, value: LibraryFilters[K]) =>
    setFilters((f) => ({ ...f, [key]: value }));

  return (
    <div className="mt-4 grid gap-6 lg:grid-cols-[16rem_1fr]">
      <form
        role="search"
        aria-label="Exercises"
        className="space-y-4"
        onSubmit={(e) => e.preventDefault()}
      >
        <div>
          <Label htmlFor="library-search">Search</Label>
          <Input
            id="library-search"
            type="search"
            value={filters.search}
            onChange={(e) => set("search", e.target.value)}
            placeholder="Name, target or step"
            className="mt-1"
          />
        </div>
        <div>
          <Label htmlFor="library-category">Category</Label>
          <select
            id="library-category"
            className={selectClass}
            value={filters.category ?? ""}
            onChange={(e) =>
              set("category", (e.target.value || undefined) as ExerciseCategory | undefined)
            }
          >
            <option value="">All categories</option>
            {EXERCISE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]} ({data.counts.category[c]})
              </option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="library-region">Body region</Label>
          <select
            id="library-region"
            className={selectClass}
            value={filters.bodyRegion ?? ""}
            onChange={(e) =>
              set("bodyRegion", (e.target.value || undefined) as BodyRegion | undefined)
            }
          >
            <option value="">All regions</option>
            {BODY_REGIONS.map((r) => (
              <option key={r} value={r}>
                {BODY_REGION_LABELS[r]} ({data.counts.bodyRegion[r]})
              </option>
            ))}
          </select>
        </div>
        <div>
          <Label htmlFor="library-condition">Condition</Label>
          <select
            id="library-condition"
            className={selectClass}
            value={filters.condition ?? ""}
            onChange={(e) =>
              set("condition", (e.target.value || undefined) as Condition | undefined)
            }
          >
            <option value="">All conditions</option>
            {CONDITIONS.map((c) => (
              <option key={c} value={c}>
                {CONDITION_LABELS[c]} ({data.counts.condition[c]})
              </option>
            ))}
          </select>
        </div>
        <label className="flex min-h-11 items-center gap-2">
          <input
            type="checkbox"
            className="size-5"
            checked={filters.includeArchived}
            onChange={(e) => set("includeArchived", e.target.checked)}
          />
          Show archived exercises
        </label>
      </form>

      <section aria-labelledby="results-heading">
        <h2 id="results-heading" className="sr-only">
          Results
        </h2>
        <p role="status" aria-live="polite" className="text-muted-foreground">
          {query.isFetching ? "Searching… " : ""}
          {data.total} exercise{data.total === 1 ? "" : "s"}
        </p>
        {query.error ? (
          <p role="alert" className="mt-2 text-danger">
            {errorMessage(query.error)}
          </p>
        ) : null}
        {data.results.length === 0 ? (
          <div className="mt-3 rounded-lg border border-dashed border-border bg-background p-8 text-center">
            <p className="font-medium">No exercises match.</p>
            <p className="text-muted-foreground">Try fewer words or clear a filter.</p>
          </div>
        ) : (
          <ul className="mt-3 grid gap-3 sm:grid-cols-2">
            {data.results.map((e) => (
              <li
                key={e.id}
                className="flex gap-3 rounded-lg border border-border bg-background p-4"
              >
                {e.figure ? (
                  <FigureThumbnail
                    figure={e.figure}
                    label={`Drawing of ${e.name}`}
                    className="w-20 shrink-0 self-start sm:w-24"
                  />
                ) : null}
                <div className="min-w-0">
                  <h3 className="font-semibold">
                    <Link href={`/library/${e.id}`}>{e.name}</Link>
                  </h3>
                  <p className="mt-1 text-sm text-muted-foreground">{e.summary}</p>
                  <div className="mt-2 flex flex-wrap gap-1.5">
                    <Badge tone="info">{CATEGORY_LABELS[e.category]}</Badge>
                    <Badge>{e.targetStructure}</Badge>
                    {e.origin === "clinic" ? <Badge tone="success">Clinic exercise</Badge> : null}
                    {e.archived ? <Badge tone="warning">Archived</Badge> : null}
                  </div>
                </div>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
