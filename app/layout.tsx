import type { Metadata, Viewport } from "next";
import { connection } from "next/server";
import type { ReactNode } from "react";
import { HydrationMarker } from "@/components/hydration-marker";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Rehabit", template: "%s · Rehabit" },
  description: "Home-exercise programs for physiotherapy clinics.",
  robots: { index: false, follow: false },
  icons: {
    icon: [
      { url: "/favicon.ico", sizes: "32x32" },
      { url: "/icon.svg", type: "image/svg+xml" },
    ],
    apple: "/apple-touch-icon.png",
  },
};

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: "#0b5d6b",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, even those with nothing dynamic (sign-in's shell, the dead
  // link page, "not found"): Next.js can only put the request's CSP nonce (proxy.ts) on the
  // scripts of a page it renders for that request, and a prerendered page's scripts would be
  // refused.
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen antialiased">
        {children}
        <HydrationMarker />
      </body>
    </html>
  );
}
