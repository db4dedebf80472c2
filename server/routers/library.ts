import { router } from "@/server/trpc";

export const libraryRouter = router({});
