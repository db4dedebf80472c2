/**
 * The most calls one batched tRPC request may carry. The server refuses a larger batch with a 400
 * before any call runs, so one request cannot queue unbounded work; the client's batch link splits
 * its calls into batches of this size, so the app itself never sends one.
 */
export const MAX_BATCH_CALLS = 10;
