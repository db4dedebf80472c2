import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import type { Context } from "./context";
import { appRouter } from "./root";
import { retryAfterSeconds } from "./routers/check-ins";
import { crossSiteRefusal, isCrossSiteWrite, requestSourceOf } from "./security/cross-site";
import { MAX_BATCH_CALLS } from "./trpc-batch-limit";

/**
 * The tRPC endpoint, given how to build a request's context and the origin our own pages post
 * from: the route passes the real ones, tests a context over their own database.
 */
export function trpcHandler(
  createContext: () => Promise<Context>,
  publicOrigin: (request: Request) => string,
) {
  return function handler(request: Request) {
    // Every POST is checked, queries included (they travel as POST too): refused before the
    // context is built, a body parsed or a call run. proxy.ts checks as well; this endpoint
    // does not rely on the proxy's matcher.
    if (isCrossSiteWrite(requestSourceOf(request), publicOrigin(request))) {
      return crossSiteRefusal("trpc");
    }
    return fetchRequestHandler({
      endpoint: "/api/trpc",
      req: request,
      router: appRouter,
      createContext,
      // Queries travel as POST too (see the client), so search terms and ids never sit in URLs or logs.
      allowMethodOverride: true,
      // Refused with a 400 before the context is built or any call runs.
      maxBatchSize: MAX_BATCH_CALLS,
      onError({ error, path }) {
        // Only unexpected failures are logged, by code and procedure: inputs may hold health data.
        if (error.code === "INTERNAL_SERVER_ERROR") {
          console.error(`[trpc] ${path ?? "?"} failed: ${error.cause?.name ?? error.name}`);
        }
      },
      responseMeta({ errors }) {
        const headers = new Headers({ "Cache-Control": "no-store" });
        // An answer over its link's limit: the phone keeps it and tries again after this.
        const waits = errors.map(retryAfterSeconds).filter((s) => s !== null);
        if (waits.length > 0) headers.set("Retry-After", String(Math.max(...waits)));
        return { headers };
      },
    });
  };
}
