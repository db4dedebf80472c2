import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/root";
import { createRequestContext } from "@/server/request-context";

export const dynamic = "force-dynamic";

function handler(request: Request) {
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: createRequestContext,
    // Queries travel as POST too (see the client), so search terms and ids never sit in URLs or logs.
    allowMethodOverride: true,
    onError({ error, path }) {
      // Only unexpected failures are logged, by code and procedure: inputs may hold health data.
      if (error.code === "INTERNAL_SERVER_ERROR") {
        console.error(`[trpc] ${path ?? "?"} failed: ${error.cause?.name ?? error.name}`);
      }
    },
    responseMeta() {
      return { headers: new Headers({ "Cache-Control": "no-store" }) };
    },
  });
}

export { handler as GET, handler as POST };
