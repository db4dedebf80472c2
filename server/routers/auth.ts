import { router, staffProcedure } from "@/server/trpc";

export const authRouter = router({
  me: staffProcedure.query(({ ctx }) => ({
    id: ctx.session.userId,
    name: ctx.session.name,
    email: ctx.session.email,
    role: ctx.session.role,
    clinicName: ctx.session.clinicName,
  })),
});
