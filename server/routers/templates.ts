import { router } from "@/server/trpc";

export const templatesRouter = router({});
