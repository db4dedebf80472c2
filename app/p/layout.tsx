import type { Metadata } from "next";
import type { ReactNode } from "react";

export const metadata: Metadata = {
  title: "Your exercise plan",
  // Nothing of the patient's pages reaches another site; same-origin rather than no-referrer, so
  // the answers posted from here carry this site's Origin (decision 020).
  referrer: "same-origin",
  // Only the patient's pages can be added to a home screen; they open at /p (public/sw.js keeps
  // them for offline use).
  manifest: "/manifest.webmanifest",
  appleWebApp: { capable: true, title: "My exercises", statusBarStyle: "default" },
};

/** Phone first: one column, large text, nothing that needs a wide screen. */
export default function PatientLayout({ children }: { children: ReactNode }) {
  return <main className="mx-auto w-full max-w-xl px-4 py-5 text-base sm:py-8">{children}</main>;
}
