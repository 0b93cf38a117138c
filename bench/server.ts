import { spawn } from "node:child_process";

export interface RunningServer {
  url: string;
  stop(): Promise<void>;
  /** Stop it and start it again on the same port and database (its memory is gone, the database is not). */
  restart(): Promise<RunningServer>;
}

/** `npm start` (production build) on a port, against the database the env names; waits for health. */
export async function startServer(port: number, env: Record<string, string>): Promise<RunningServer> {
  // A server left on the port (an earlier run's, orphaned) would answer the health check and be
  // measured in this one's place: refuse instead.
  const taken = await fetch(`http://127.0.0.1:${port}/api/health`).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`port ${port} already has a server answering: stop it first (e.g. ss -ltnp | grep ${port})`);
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    env: { ...process.env, PORT: String(port), NEXT_TELEMETRY_DISABLED: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const keep = (d: Buffer) => (log = (log + d.toString()).slice(-20_000));
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  // A server that dies mid-run says why (the bench's own error is only a refused fetch).
  let stopping = false;
  child.once("exit", (code, signal) => {
    if (!stopping) console.error(`\nthe server on port ${port} exited (${code ?? signal}) during the bench; its last output:\n${log.slice(-4000)}`);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${log.slice(-2000)}`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`server did not start:\n${log.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  const stop = () =>
    new Promise<void>((resolve) => {
      stopping = true;
      child.once("exit", () => resolve());
      child.kill("SIGTERM");
      setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
    });
  return {
    url,
    stop,
    restart: async () => {
      await stop();
      return startServer(port, env);
    },
  };
}
