import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callApi } from "./call-api";

// A real HTTP server: /slow sends its headers and half a JSON body, then waits; /html answers 200
// with a page; /json and /refused answer as the app's routes do.
let server: Server;
let base = "";
/** Resolves when /slow has sent its headers and half its body. */
let halfSent: () => void = () => {};
beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/slow") {
      res.writeHead(200, { "Content-Type": "application/json" });
      res.write('{"total": 3, "ro', () => halfSent());
      return; // the rest never comes; the client aborts
    }
    if (req.url === "/empty") return void res.writeHead(204).end();
    if (req.url === "/html") return void res.writeHead(200, { "Content-Type": "text/html" }).end("<h1>proxy</h1>");
    if (req.url === "/refused") return void res.writeHead(403, { "Content-Type": "application/json" }).end('{"error":"不可访问"}');
    res.writeHead(200, { "Content-Type": "application/json" }).end('{"total":1,"rows":[{"code":"a"}]}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

describe("callApi", () => {
  it("rejects with an AbortError when aborted while the body is read, never an empty answer", async () => {
    const controller = new AbortController();
    const sent = new Promise<void>((resolve) => (halfSent = resolve));
    // fetch() resolves once the headers are in; then the body is being read when the abort comes.
    const realFetch = globalThis.fetch;
    let headersIn!: () => void;
    const answered = new Promise<void>((resolve) => (headersIn = resolve));
    globalThis.fetch = (async (...args: Parameters<typeof fetch>) => {
      const response = await realFetch(...args);
      headersIn();
      return response;
    }) as typeof fetch;
    try {
      const call = callApi<{ rows: unknown[] }>(`${base}/slow`, { signal: controller.signal });
      await Promise.all([sent, answered]);
      controller.abort();
      await expect(call).rejects.toMatchObject({ name: "AbortError" });
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it("answers 204 as success without a body", async () => {
    expect(await callApi(`${base}/empty`)).toEqual({ ok: true, data: undefined });
  });

  it("rejects with an AbortError when aborted before the answer", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(callApi(`${base}/json`, { signal: controller.signal })).rejects.toMatchObject({ name: "AbortError" });
  });

  it("answers an OK page that is not JSON as an error, and passes the server's reason on a refusal", async () => {
    expect(await callApi(`${base}/html`)).toMatchObject({ ok: false, status: 200, error: "HTTP 200" });
    expect(await callApi(`${base}/refused`)).toMatchObject({ ok: false, status: 403, error: "不可访问" });
    expect(await callApi(`${base}/json`)).toEqual({ ok: true, data: { total: 1, rows: [{ code: "a" }] } });
  });
});
