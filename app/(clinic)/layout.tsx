import Link from "next/link";
import type { ReactNode } from "react";
import { AlertsNavLink, UrgentAlertsBanner } from "@/components/alerts/alert-summary";
import { MessagesNavLink } from "@/components/messages/messages-nav-link";
import { TrpcProvider } from "@/components/trpc/client";
import { requireStaffPage } from "@/server/page-auth";
import { SignOutButton } from "./sign-out-button";

export default async function ClinicLayout({ children }: { children: ReactNode }) {
  const { session, api } = await requireStaffPage();
  const [alerts, unread] = await Promise.all([api.alerts.summary(), api.messages.unreadCounts()]);
  // The server's clock for "raised 2 hours ago", so the browser's hydration prints the same.
  const renderedAt = new Date().getTime();
  return (
    <TrpcProvider>
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
              <AlertsNavLink initial={alerts} renderedAt={renderedAt} />
              <MessagesNavLink initial={unread} renderedAt={renderedAt} />
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
        <UrgentAlertsBanner initial={alerts} renderedAt={renderedAt} />
        <main id="main" className="mx-auto max-w-7xl px-4 py-6">
          {children}
        </main>
      </div>
    </TrpcProvider>
  );
}
