import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { closedLoop, openConnections, type LoadRequest } from "./http-load";

/** A server that answers every request at once and counts the connections it accepted. */
async function countingServer() {
  let connections = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on("end", () => res.writeHead(401, { "content-type": "application/json" }).end("{}"));
  });
  server.on("connection", () => connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const request = (): LoadRequest => ({ path: "/x", body: "{}", headers: {} });

describe("the closed loop's connections", () => {
  let server: Awaited<ReturnType<typeof countingServer>> | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  it("times only requests on connections opened before the clock starts", async () => {
    server = await countingServer();
    const agent = await openConnections(server.url, 5, request);
    expect(server.connections()).toBe(5);

    const run = await closedLoop({
      url: server.url,
      connections: 5,
      seconds: 0.2,
      next: request,
      agent,
    });

    expect(run.errors).toBe(0);
    expect(run.results.length).toBeGreaterThan(5);
    expect(run.results.every((r) => r.status === 401)).toBe(true);
    // Every timed request went over one of the five: none waited for a new connection.
    expect(server.connections()).toBe(5);
  });

  it("opens its own connections when given none", async () => {
    server = await countingServer();
    const run = await closedLoop({ url: server.url, connections: 3, seconds: 0.1, next: request });
    expect(run.errors).toBe(0);
    expect(server.connections()).toBe(3);
  });
});
