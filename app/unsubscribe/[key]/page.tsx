import type { Metadata } from "next";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Stop reminder emails", referrer: "no-referrer" };

/**
 * The page a reminder email's unsubscribe link opens: one button. Opening the page changes
 * nothing (mail scanners open links); the tap posts, and the page comes back saying it is done.
 */
export default async function UnsubscribePage({
  params,
  searchParams,
}: {
  params: Promise<{ key: string }>;
  searchParams: Promise<{ done?: string }>;
}) {
  const { key } = await params;
  const { done } = await searchParams;
  return (
    <main className="mx-auto w-full max-w-xl space-y-4 px-4 py-8 text-base">
      <h1 className="text-2xl font-semibold">Reminder emails</h1>
      {done ? (
        <p role="status" className="rounded-md border-2 border-primary bg-primary-soft p-4">
          Done. You will get no more reminder emails. You can turn reminders on again from your
          plan, under “Reminders”.
        </p>
      ) : (
        <form
          method="post"
          action={`/api/reminders/unsubscribe/${encodeURIComponent(key)}`}
          className="space-y-4"
        >
          <input type="hidden" name="from" value="page" />
          <p>Tap the button to stop the reminder emails from your exercise plan.</p>
          <button
            type="submit"
            className="inline-flex min-h-12 items-center rounded-md bg-primary px-5 font-semibold text-primary-foreground"
          >
            Stop reminder emails
          </button>
        </form>
      )}
    </main>
  );
}
