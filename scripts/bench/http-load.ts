import http from "node:http";

/** One request to send: the driver adds nothing but the connection. */
export interface LoadRequest {
  path: string;
  body: string;
  headers: Record<string, string>;
  /** Carried to the result, e.g. the answer's idempotency key. */
  tag?: string;
}

export interface LoadResult {
  status: number;
  /** From when the request was due (open loop) or sent (closed loop) to the last byte. */
  ms: number;
  tag?: string;
  body: string;
}

export interface LoadRun {
  results: LoadResult[];
  seconds: number;
  /** Requests that failed at the connection (refused, reset, timed out): status 0. */
  errors: number;
}

function send(agent: http.Agent, base: URL, request: LoadRequest, timeoutMs: number) {
  return new Promise<{ status: number; body: string }>((resolve) => {
    const req = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        path: request.path,
        method: "POST",
        headers: { ...request.headers, "content-length": Buffer.byteLength(request.body) },
        timeout: timeoutMs,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        res.on("error", () => resolve({ status: 0, body: "" }));
      },
    );
    req.on("timeout", () => req.destroy(new Error("timeout")));
    req.on("error", () => resolve({ status: 0, body: "" }));
    req.end(request.body);
  });
}

/**
 * `count` keep-alive connections to the server, opened before anything is timed: one untimed
 * request on each, all at once. A server kept busy accepts about one new connection per turn of
 * its event loop (measured: the 30th of 50 new connections waited 2 s for its first answer), so
 * connections opened inside a timed run measure that queue instead of the requests.
 */
export async function openConnections(
  url: string,
  count: number,
  request: () => LoadRequest,
): Promise<http.Agent> {
  const base = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: count });
  await Promise.all(Array.from({ length: count }, () => send(agent, base, request(), 30_000)));
  return agent;
}

/**
 * Closed loop: `connections` clients each send a request, wait for its answer and send the next,
 * for `seconds`. The rate it reaches is what the server can serve at that concurrency. Given an
 * `agent` from `openConnections`, it uses (and then closes) those connections.
 */
export async function closedLoop(options: {
  url: string;
  connections: number;
  seconds: number;
  next: () => LoadRequest;
  timeoutMs?: number;
  agent?: http.Agent;
}): Promise<LoadRun> {
  const base = new URL(options.url);
  const agent =
    options.agent ?? new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const results: LoadResult[] = [];
  const started = performance.now();
  const deadline = started + options.seconds * 1000;
  const client = async () => {
    while (performance.now() < deadline) {
      const request = options.next();
      const t0 = performance.now();
      const { status, body } = await send(agent, base, request, options.timeoutMs ?? 10_000);
      results.push({ status, ms: performance.now() - t0, tag: request.tag, body });
    }
  };
  await Promise.all(Array.from({ length: options.connections }, client));
  agent.destroy();
  return {
    results,
    seconds: (performance.now() - started) / 1000,
    errors: results.filter((r) => r.status === 0).length,
  };
}

/**
 * Open loop: a request is due every 1/rate seconds whatever the server does, and its time counts
 * from when it was due, so a server that falls behind shows it in the latencies (no coordinated
 * omission). `maxInFlight` bounds the sockets, as a real crowd of phones is bounded by nothing.
 */
export async function openLoop(options: {
  url: string;
  rate: number;
  seconds: number;
  next: () => LoadRequest;
  maxInFlight?: number;
  timeoutMs?: number;
  /** Called with every result as it arrives (e.g. to record acknowledged answers at once). */
  onResult?: (result: LoadResult) => void;
}): Promise<LoadRun> {
  const base = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxInFlight ?? 512 });
  const results: LoadResult[] = [];
  const pending: Promise<void>[] = [];
  const started = performance.now();
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  let issued = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (issued < total && started + issued * interval <= now) {
        const due = started + issued * interval;
        const request = options.next();
        issued++;
        pending.push(
          send(agent, base, request, options.timeoutMs ?? 10_000).then(({ status, body }) => {
            const result = { status, ms: performance.now() - due, tag: request.tag, body };
            results.push(result);
            options.onResult?.(result);
          }),
        );
      }
      if (issued >= total) resolve();
      else setTimeout(tick, Math.max(0, Math.min(interval, started + issued * interval - now)));
    };
    tick();
  });
  await Promise.all(pending);
  agent.destroy();
  return {
    results,
    seconds: (performance.now() - started) / 1000,
    errors: results.filter((r) => r.status === 0).length,
  };
}
