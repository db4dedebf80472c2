import type { Metadata } from "next";
import Link from "next/link";
import { Pager } from "@/components/ui/pager";
import { Badge } from "@/components/ui/badge";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input, Label } from "@/components/ui/input";
import { Table, Td, Th } from "@/components/ui/table";
import { CONDITION_LABELS, SIDE_LABELS } from "@/lib/labels";
import { requireStaffPage } from "@/server/page-auth";

export const metadata: Metadata = { title: "Patients" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const one = (v: string | string[] | undefined) => (typeof v === "string" ? v : undefined);

export default async function PatientsPage({ searchParams }: { searchParams: SearchParams }) {
  const { api } = await requireStaffPage();
  const params = await searchParams;
  const search = one(params.q)?.slice(0, 100) ?? "";
  const mine = one(params.who) !== "all";
  const page = Math.max(1, Number.parseInt(one(params.page) ?? "1", 10) || 1);
  const result = await api.patients.list({
    page,
    pageSize: 25,
    filters: { mine, search, status: "active" },
  });
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const href = (changes: Record<string, string>) => {
    const next = new URLSearchParams({
      ...(search ? { q: search } : {}),
      who: mine ? "mine" : "all",
      ...changes,
    });
    return `/patients?${next.toString()}`;
  };

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold">Patients</h1>
          <p className="text-muted-foreground">
            {result.total} {mine ? "of your" : "active"} patient{result.total === 1 ? "" : "s"}
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <Link href="/patients/new" className={buttonVariants()}>
            Add a patient
          </Link>
          <form role="search" action="/patients" className="flex flex-wrap items-end gap-2">
            <input type="hidden" name="who" value={mine ? "mine" : "all"} />
            <div>
              <Label htmlFor="q">Search by name</Label>
              <Input id="q" name="q" defaultValue={search} className="mt-1 w-64" />
            </div>
            <Button type="submit" variant="secondary">
              Search
            </Button>
          </form>
        </div>
      </div>

      <nav aria-label="Whose patients" className="mt-4 flex gap-2">
        <Link
          href={href({ who: "mine" })}
          aria-current={mine ? "page" : undefined}
          className="rounded-md border border-border bg-background px-3 py-1.5 aria-[current=page]:border-primary aria-[current=page]:font-semibold"
        >
          My patients
        </Link>
        <Link
          href={href({ who: "all" })}
          aria-current={!mine ? "page" : undefined}
          className="rounded-md border border-border bg-background px-3 py-1.5 aria-[current=page]:border-primary aria-[current=page]:font-semibold"
        >
          Everyone in the clinic
        </Link>
      </nav>

      <div className="mt-4">
        {result.rows.length === 0 ? (
          <div className="rounded-lg border border-dashed border-border bg-background p-8 text-center">
            <p className="font-medium">
              {search ? `No patients match “${search}”.` : "No patients here yet."}
            </p>
            <p className="text-muted-foreground">
              {mine
                ? "Try “Everyone in the clinic” to see all active patients."
                : "Patients your clinic adds will appear here."}
            </p>
          </div>
        ) : (
          <Table>
            <caption className="sr-only">Patients, sorted by name</caption>
            <thead>
              <tr>
                <Th scope="col">Patient</Th>
                <Th scope="col">Condition</Th>
                <Th scope="col">Side</Th>
                <Th scope="col">Primary clinician</Th>
                <Th scope="col">Status</Th>
              </tr>
            </thead>
            <tbody className="bg-background">
              {result.rows.map((p) => (
                <tr key={p.id}>
                  <Td>
                    <Link href={`/patients/${p.id}`} className="font-medium">
                      {p.displayName}
                    </Link>
                  </Td>
                  <Td>{CONDITION_LABELS[p.condition]}</Td>
                  <Td>{SIDE_LABELS[p.affectedSide]}</Td>
                  <Td>{p.primaryClinicianName}</Td>
                  <Td>
                    <Badge tone={p.status === "active" ? "success" : "neutral"}>
                      {p.status === "active" ? "Active" : "Discharged"}
                    </Badge>
                  </Td>
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
