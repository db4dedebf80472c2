import type { Db, Tx } from "@/db/client";

/** Enough to share a commit among a crowd of phones, few enough to keep each wait short. */
const MAX_BATCH = 64;

interface Job {
  work: (tx: Tx) => unknown;
  syncToDisk: boolean;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export interface WriteTogetherOptions {
  /**
   * True (the default): acknowledged once synced to disk, so it survives a power cut. False: the
   * commit is left to the operating system (SQLite's `synchronous = NORMAL` under WAL), so it
   * survives the process crashing but may be lost with the last moments before a power cut, unless
   * a later synced commit has carried it to disk. A batch syncs when any of its writes asks to.
   */
  syncToDisk?: boolean;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

interface Queue {
  jobs: Job[];
  scheduled: boolean;
}

const queues = new WeakMap<object, Queue>();

function queueOf(db: Db): Queue {
  let queue = queues.get(db.$client);
  if (!queue) {
    queue = { jobs: [], scheduled: false };
    queues.set(db.$client, queue);
  }
  return queue;
}

/**
 * Writes the waiting answers in one IMMEDIATE transaction, each in its own savepoint: one answer
 * refused (a conflict, a limit) rolls back only itself. Promises settle after the commit, so an
 * answer is acknowledged only once it is durable (to the level its writes asked for); if the commit
 * itself fails, every answer of the batch is refused and the phones keep them to send again.
 */
function flush(db: Db, queue: Queue) {
  queue.scheduled = false;
  const jobs = queue.jobs.splice(0, MAX_BATCH);
  if (queue.jobs.length > 0) schedule(db, queue);
  if (jobs.length === 0) return;
  let outcomes: Outcome[];
  const restoreSync = jobs.some((job) => job.syncToDisk) ? null : relaxSync(db);
  try {
    outcomes = db.transaction(
      (tx) =>
        jobs.map((job): Outcome => {
          try {
            return { ok: true, value: tx.transaction((savepoint) => job.work(savepoint)) };
          } catch (error) {
            return { ok: false, error };
          }
        }),
      { behavior: "immediate" },
    );
  } catch (error) {
    for (const job of jobs) job.reject(error);
    return;
  } finally {
    if (restoreSync !== null) db.$client.pragma(`synchronous = ${restoreSync}`);
  }
  jobs.forEach((job, i) => {
    const outcome = outcomes[i]!;
    if (outcome.ok) job.resolve(outcome.value);
    else job.reject(outcome.error);
  });
}

/** SQLite's NORMAL level, as `PRAGMA synchronous` reads it. */
const SYNC_NORMAL = 1;

/**
 * Lowers the connection's sync level to NORMAL for one commit and returns the level to restore, or
 * null when it is already NORMAL or lower. Safe between transactions: nothing else runs on the
 * connection until the flush restores it.
 */
function relaxSync(db: Db): number | null {
  const level = Number(db.$client.pragma("synchronous", { simple: true }));
  if (level <= SYNC_NORMAL) return null;
  db.$client.pragma(`synchronous = ${SYNC_NORMAL}`);
  return level;
}

function schedule(db: Db, queue: Queue) {
  queue.scheduled = true;
  // After the requests already read from the sockets have queued their answers too.
  setImmediate(() => flush(db, queue));
}

/**
 * Group commit for patients' answers (decision 018): answers that arrive together share one
 * transaction and one sync to disk instead of one each, which is most of what an answer costs
 * under load. A lone answer waits only for the end of the current turn of the event loop. Reads'
 * audit rows go the same way, asking for no sync (decision 021): reads that arrive together share
 * a commit, and a commit of reads alone costs no wait for the disk.
 */
export function writeTogether<T>(
  db: Db,
  work: (tx: Tx) => T,
  options: WriteTogetherOptions = {},
): Promise<T> {
  const queue = queueOf(db);
  const syncToDisk = options.syncToDisk ?? true;
  return new Promise<T>((resolve, reject) => {
    queue.jobs.push({ work, syncToDisk, resolve: resolve as (value: unknown) => void, reject });
    if (!queue.scheduled) schedule(db, queue);
  });
}
