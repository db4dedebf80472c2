import { calendarFor } from "@/server/reminder-access";

export const dynamic = "force-dynamic";

const gone = () =>
  new Response("This calendar is no longer available. Ask your clinic for a new link.", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
  });

/**
 * A patient's calendar subscription (`<token>.ics`, RFC 5545), fetched by their calendar app.
 * The token is the feed's own, never the link's; a revoked or expired link answers 404 like an
 * unknown token.
 */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const token = file.endsWith(".ics") ? file.slice(0, -4) : file;
  const ics = await calendarFor(token, request.headers);
  if (!ics) return gone();
  return new Response(ics, {
    headers: {
      "Content-Type": "text/calendar; charset=utf-8",
      "Content-Disposition": 'inline; filename="my-exercises.ics"',
      "Cache-Control": "private, no-store",
      "Referrer-Policy": "no-referrer",
    },
  });
}
