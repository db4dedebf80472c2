import { env } from "@/server/env";
import { createRequestContext } from "@/server/request-context";
import { publicOriginOf } from "@/server/request-origin";
import { trpcHandler } from "@/server/trpc-handler";

export const dynamic = "force-dynamic";

const handler = trpcHandler(createRequestContext, (request) =>
  publicOriginOf(request.headers, env().appUrl),
);

export { handler as GET, handler as POST };
