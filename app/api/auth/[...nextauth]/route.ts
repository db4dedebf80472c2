import NextAuth from "next-auth";
import { clientAddress } from "@/server/auth/client-address";
import { authOptions } from "@/server/auth/options";
import { refuseEndedSession } from "@/server/auth/session-endpoint";
import { env } from "@/server/env";

export const dynamic = "force-dynamic";

type Handler = (
  request: Request,
  context: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

/**
 * Options are built per request so the build never needs the secret. The session endpoint first
 * asks the database whether the session still stands: next-auth alone would trust the cookie.
 */
const handler: Handler = async (request, context) => {
  const { nextauth } = await context.params;
  if (nextauth?.[0] === "session") {
    const ended = await refuseEndedSession(request);
    if (ended) return ended;
  }
  const ip = clientAddress((name) => request.headers.get(name), env().trustProxy);
  return (NextAuth(authOptions({ ip })) as unknown as Handler)(request, context);
};

export { handler as GET, handler as POST };
