import Link from "next/link";
import { OfflineSupport } from "./offline-support";

const LINKS = [
  { href: "/p", label: "Today", key: "today" },
  { href: "/p/progress", label: "My progress", key: "progress" },
  { href: "/p/messages", label: "Messages", key: "messages" },
  { href: "/p/reminders", label: "Reminders", key: "reminders" },
] as const;

/**
 * The patient's three places; "I have new symptoms" is on every page, always one tap away. Every
 * page with it also keeps itself and the others for offline use.
 */
export function PatientNav({
  current,
}: {
  current: "today" | "progress" | "safety" | "measures" | "messages" | "reminders";
}) {
  return (
    <nav aria-label="Your plan" className="flex flex-wrap items-center gap-x-2 gap-y-2">
      {LINKS.map((l) => (
        <Link
          key={l.key}
          href={l.href}
          aria-current={current === l.key ? "page" : undefined}
          className="inline-flex min-h-11 items-center rounded-md px-3 font-medium underline-offset-4 aria-[current=page]:bg-primary-soft aria-[current=page]:font-bold aria-[current=page]:underline"
        >
          {l.label}
        </Link>
      ))}
      <Link
        href="/p/safety"
        aria-current={current === "safety" ? "page" : undefined}
        className="inline-flex min-h-11 items-center rounded-md border-2 border-danger px-3 font-semibold text-danger"
      >
        I have new symptoms
      </Link>
      <OfflineSupport />
    </nav>
  );
}
