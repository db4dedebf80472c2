import NextAuth from "next-auth";
import { authOptions } from "@/server/auth/options";

export const dynamic = "force-dynamic";

type Handler = (
  request: Request,
  context: { params: Promise<{ nextauth: string[] }> },
) => Promise<Response>;

/** Options are built per request so the build never needs the secret. */
const handler: Handler = (request, context) =>
  (NextAuth(authOptions()) as unknown as Handler)(request, context);

export { handler as GET, handler as POST };
