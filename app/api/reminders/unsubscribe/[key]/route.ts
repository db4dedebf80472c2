import { unsubscribeReminderEmails } from "@/server/reminder-access";

export const dynamic = "force-dynamic";

/**
 * Turns a patient's reminder emails off. Two callers: a mail app's own "Unsubscribe" button
 * (RFC 8058 one-click: `List-Unsubscribe=One-Click` posted by the mail provider), answered in
 * plain text; and the button of the page the email links to, sent back to that page. Only a POST
 * changes anything (a link checker fetching the address turns nothing off); an unknown key is
 * answered like a known one.
 */
export async function POST(request: Request, { params }: { params: Promise<{ key: string }> }) {
  const { key } = await params;
  const form = await request.formData().catch(() => null);
  await unsubscribeReminderEmails(key);
  if (form?.get("from") === "page") {
    return new Response(null, {
      status: 303,
      headers: { Location: `/unsubscribe/${encodeURIComponent(key)}?done=1` },
    });
  }
  return new Response("You will get no more reminder emails.", {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });
}
