import { router } from "@/server/trpc";

export const teamRouter = router({});
