import { createRequestContext } from "@/server/request-context";
import { trpcHandler } from "@/server/trpc-handler";

export const dynamic = "force-dynamic";

const handler = trpcHandler(createRequestContext);

export { handler as GET, handler as POST };
