import type { Metadata } from "next";
import Link from "next/link";
import { buttonVariants } from "@/components/ui/button";
import { BODY_REGIONS, CONDITIONS, EXERCISE_CATEGORIES } from "@/db/schema/enums";
import { requireStaffPage } from "@/server/page-auth";
import { LibraryBrowser, type LibraryFilters } from "./library-browser";

export const metadata: Metadata = { title: "Exercise library" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function pick<T extends string>(
  values: readonly T[],
  value: string | string[] | undefined,
): T | undefined {
  return typeof value === "string" && (values as readonly string[]).includes(value)
    ? (value as T)
    : undefined;
}

export default async function LibraryPage({ searchParams }: { searchParams: SearchParams }) {
  const { api, session } = await requireStaffPage();
  const params = await searchParams;
  const filters: LibraryFilters = {
    search: typeof params.q === "string" ? params.q.slice(0, 100) : "",
    category: pick(EXERCISE_CATEGORIES, params.category),
    bodyRegion: pick(BODY_REGIONS, params.region),
    condition: pick(CONDITIONS, params.condition),
    includeArchived: params.archived === "1",
  };
  const initial = await api.library.list(filters);
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Exercise library</h1>
          <p className="text-muted-foreground">
            The shared knee library and your clinic&apos;s own exercises.
            {session.role === "admin" ? "" : " Only clinic admins can change it."}
          </p>
        </div>
        {session.role === "admin" ? (
          <Link href="/library/new" className={buttonVariants()}>
            New exercise
          </Link>
        ) : null}
      </div>
      <LibraryBrowser initialFilters={filters} initial={initial} />
    </>
  );
}
