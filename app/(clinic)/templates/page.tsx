import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/ui/pager";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Label } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import { CONDITIONS, type Condition } from "@/db/schema/enums";
import { CONDITION_LABELS } from "@/lib/labels";
import { requireStaffPage } from "@/server/page-auth";
import { Select } from "@/components/dose-editor/fields";

export const metadata: Metadata = { title: "Program templates" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);
const isCondition = (v: string | undefined): v is Condition => CONDITIONS.includes(v as Condition);

const PAGE_SIZE = 50;

export default async function TemplatesPage({ searchParams }: { searchParams: SearchParams }) {
  const { api, session } = await requireStaffPage();
  const params = await searchParams;
  const conditionParam = one(params.condition);
  const condition = isCondition(conditionParam) ? conditionParam : undefined;
  const includeArchived = one(params.archived) === "show";
  const page = Math.max(1, Number.parseInt(one(params.page) ?? "1", 10) || 1);
  const result = await api.templates.list({
    page,
    pageSize: PAGE_SIZE,
    filters: { condition, includeArchived },
  });
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const href = (changes: Record<string, string>) => {
    const next = new URLSearchParams({
      ...(condition ? { condition } : {}),
      ...(includeArchived ? { archived: "show" } : {}),
      ...changes,
    });
    return `/templates?${next.toString()}`;
  };
  const filtered = condition !== undefined || includeArchived;

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Program templates</h1>
          <p className="text-muted-foreground">
            Starting points for a patient&apos;s program: the shared templates and your
            clinic&apos;s own.
          </p>
        </div>
        {session.role === "admin" ? (
          <Button asChild>
            <Link href="/templates/new" className="no-underline">
              New template
            </Link>
          </Button>
        ) : null}
      </div>

      <form
        role="search"
        aria-label="Filter templates"
        action="/templates"
        className="mt-4 flex flex-wrap items-end gap-x-4 gap-y-3 rounded-lg border border-border bg-background p-3"
      >
        <div className="w-full sm:w-64">
          <Label htmlFor="condition">Condition</Label>
          <Select id="condition" name="condition" defaultValue={condition ?? ""} className="mt-1">
            <option value="">All conditions</option>
            {CONDITIONS.map((c) => (
              <option key={c} value={c}>
                {CONDITION_LABELS[c]}
              </option>
            ))}
          </Select>
        </div>
        <div className="flex min-h-11 items-center gap-2">
          <input
            id="archived"
            name="archived"
            type="checkbox"
            value="show"
            defaultChecked={includeArchived}
            className="size-5 accent-primary"
          />
          <Label htmlFor="archived" className="font-normal">
            Include archived templates
          </Label>
        </div>
        <div className="flex items-center gap-3">
          <Button type="submit" variant="secondary">
            Apply filters
          </Button>
          {filtered ? <Link href="/templates">Clear filters</Link> : null}
        </div>
      </form>

      <p className="mt-4 text-sm text-muted-foreground" role="status">
        {result.total} template{result.total === 1 ? "" : "s"}
        {condition ? ` for ${CONDITION_LABELS[condition].toLowerCase()}` : ""}
        {includeArchived ? ", archived included" : ""}
      </p>

      <div className="mt-2">
        {result.rows.length === 0 ? (
          <div className="rounded-lg border border-dashed border-border bg-background p-8 text-center">
            <p className="font-medium">No templates match these filters.</p>
            <p className="text-muted-foreground">
              {filtered
                ? "Try another condition, or include archived templates."
                : "Templates your clinic creates will appear here."}
            </p>
          </div>
        ) : (
          <Table>
            <caption className="sr-only">Program templates, sorted by name</caption>
            <thead>
              <tr>
                <Th scope="col">Template</Th>
                <Th scope="col" className="hidden sm:table-cell">
                  Condition
                </Th>
                <Th scope="col" className="text-right">
                  Exercises
                </Th>
              </tr>
            </thead>
            <tbody className="bg-background">
              {result.rows.map((t) => (
                <tr key={t.id}>
                  <Td>
                    <Link href={`/templates/${t.id}`} className="font-medium">
                      {t.name}
                    </Link>
                    <p className="text-muted-foreground sm:hidden">
                      {CONDITION_LABELS[t.condition]}
                    </p>
                    <div className="mt-1 flex flex-wrap gap-1">
                      <Badge tone={t.shared ? "info" : "neutral"}>
                        {t.shared ? "Shared" : "Your clinic"}
                      </Badge>
                      {t.archived ? <Badge tone="warning">Archived</Badge> : null}
                    </div>
                  </Td>
                  <Td className="hidden sm:table-cell">{CONDITION_LABELS[t.condition]}</Td>
                  <Td className="text-right tabular-nums">{t.itemCount}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </div>

      <Pager page={page} pages={pages} hrefFor={(n) => href({ page: String(n) })} />
    </>
  );
}
