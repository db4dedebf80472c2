import { z } from "zod";

/** Ids are UUIDv7 text; anything else cannot exist, so it is NOT_FOUND-equivalent early. */
export const ZId = z.string().min(1).max(64);

export const ZPageInput = {
  page: z.number().int().min(1).default(1),
  pageSize: z.number().int().min(5).max(100).default(25),
};
