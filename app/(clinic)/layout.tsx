import { OctagonAlert } from "lucide-react";
import Link from "next/link";
import type { ReactNode } from "react";
import { TrpcProvider } from "@/components/trpc/client";
import { requireStaffPage } from "@/server/page-auth";
import { SignOutButton } from "./sign-out-button";

/**
 * "Alerts 3 open, 1 critical, 2 for your patients": the badge's numbers in words. It starts with
 * the visible "Alerts 3" so speech input users can say what they see.
 */
function alertsLabel(counts: { total: number; critical: number; mine: number }) {
  if (counts.total === 0) return "Alerts, none open";
  const parts = [`Alerts ${counts.total} open`];
  if (counts.critical > 0) parts.push(`${counts.critical} critical`);
  if (counts.mine > 0) parts.push(`${counts.mine} for your patients`);
  return parts.join(", ");
}

export default async function ClinicLayout({ children }: { children: ReactNode }) {
  const { session, api } = await requireStaffPage();
  const counts = await api.alerts.counts();
  return (
    <div className="min-h-screen bg-muted/40">
      <a href="#main" className="no-print sr-only focus:not-sr-only focus:absolute focus:p-2">
        Skip to content
      </a>
      <header className="no-print border-b border-border bg-background">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/patients" className="text-lg font-semibold text-primary no-underline">
            Rehabit
          </Link>
          <nav aria-label="Main" className="flex flex-wrap gap-x-4 gap-y-1">
            <Link href="/patients" className="font-medium">
              Patients
            </Link>
            <Link href="/library" className="font-medium">
              Library
            </Link>
            <Link href="/templates" className="font-medium">
              Templates
            </Link>
            <Link
              href="/alerts"
              aria-label={alertsLabel(counts)}
              className="inline-flex items-center gap-1 font-medium"
            >
              Alerts
              {counts.total > 0 ? (
                <span
                  aria-hidden="true"
                  className={
                    counts.critical > 0
                      ? "inline-flex items-center gap-0.5 rounded-full bg-danger px-2 text-xs font-semibold text-white"
                      : "rounded-full bg-muted px-2 text-xs font-semibold text-foreground"
                  }
                >
                  {" "}
                  {counts.critical > 0 ? (
                    <OctagonAlert className="size-3" strokeWidth={2.5} />
                  ) : null}
                  {counts.total}
                </span>
              ) : null}
            </Link>
            {session.role === "admin" ? (
              <Link href="/admin/team" className="font-medium">
                Team
              </Link>
            ) : null}
          </nav>
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span>
              <span className="font-medium">{session.name}</span>
              <span className="text-muted-foreground">
                {" "}
                · {session.role === "admin" ? "Admin" : "Clinician"}, {session.clinicName}
              </span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6">
        <TrpcProvider>{children}</TrpcProvider>
      </main>
    </div>
  );
}
