import { TRPCError } from "@trpc/server";
import { notFound } from "next/navigation";

/** Shows the not-found page when the API says NOT_FOUND (another clinic's id included). */
export function orNotFound<T>(promise: Promise<T>): Promise<T> {
  return promise.catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") notFound();
    throw error;
  });
}
