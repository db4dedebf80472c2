import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/root";

type TeamOutputs = inferRouterOutputs<AppRouter>["team"];

export type TeamMember = TeamOutputs["list"]["members"][number];
export type PendingInvitation = TeamOutputs["invitations"][number];
export type CaseloadPatient = TeamOutputs["caseload"][number];

export type ClinicSettings = inferRouterOutputs<AppRouter>["clinic"]["settings"];
