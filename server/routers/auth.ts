import { z } from "zod";
import { ROLES } from "@/db/schema/enums";
import { router, staffProcedure } from "@/server/trpc";

/** The signed-in staff member as their session knows them: no ids of the clinic or session. */
export const ZMeOutput = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  clinicName: z.string(),
});

export const authRouter = router({
  me: staffProcedure.output(ZMeOutput).query(({ ctx }) => ({
    id: ctx.session.userId,
    name: ctx.session.name,
    email: ctx.session.email,
    role: ctx.session.role,
    clinicName: ctx.session.clinicName,
  })),
});
