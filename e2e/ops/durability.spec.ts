import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { DEMO_ROLES, E2E_DEMO_PASSWORD } from "../accounts";
import { canRunOwnCluster, hasTestPostgres, ownCluster, scratchDatabase } from "./postgres";
import { killStartedServers, runScript, serverEnv, signIn, startServer, tempDataDir, waitHealthy, zoneDraft, type RunningServer } from "./server-process";

/**
 * The embedded database must never be destroyed (issue: a second opener corrupted DATA_DIR), and
 * every acknowledged write must survive a crash, on both databases.
 */
test.describe.configure({ mode: "serial" });
test.setTimeout(420_000);
test.afterEach(killStartedServers);

async function saveZone(client: APIRequestContext, baseURL: string, i: number, label: string): Promise<number> {
  const response = await client.post("/api/zones", { data: zoneDraft(i, label), headers: { Origin: baseURL } });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()).id as number;
}

async function expectZones(client: APIRequestContext, ids: number[], label: string): Promise<void> {
  for (const id of ids) {
    const response = await client.get(`/api/zones/${id}`);
    expect(response.status(), `zone ${id}`).toBe(200);
    expect((await response.json()).properties.name).toMatch(new RegExp(`^${label} \\d+$`));
  }
}

/**
 * POST a body in two halves with a pause between them; `midway` runs in the pause, while the
 * server has the request but not yet all of it.
 */
function slowPost(baseURL: string, path: string, body: string, cookie: string, midway: () => void): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(`${baseURL}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(body), Origin: baseURL, Cookie: cookie },
    });
    request.on("response", (response) => {
      let text = "";
      response.on("data", (d: Buffer) => (text += d.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, body: text }));
    });
    request.on("error", reject);
    const half = Math.floor(body.length / 2);
    request.write(body.slice(0, half));
    setTimeout(() => {
      midway();
      setTimeout(() => request.end(body.slice(half)), 700);
    }, 700);
  });
}

async function stopGracefully(server: RunningServer): Promise<void> {
  server.process.kill("SIGTERM");
  expect(await server.exited).toBe(0);
  expect(server.log()).toContain("database closed; stopped");
}

test("one process per DATA_DIR: a second server and the direct CLI refuse; the CLI and backups go through the running server", async () => {
  const dataDir = tempDataDir("lock");
  const env = serverEnv({ DATA_DIR: dataDir });
  const backupFile = path.join(dataDir, "..", `${path.basename(dataDir)}-backup.zip`);
  const restoredDir = tempDataDir("restored");
  try {
    expect(runScript("prepare-db", [], env).status).toBe(0);
    const server = await startServer(3231, env);
    await waitHealthy(server.baseURL);
    const planner = await signIn(server.baseURL, DEMO_ROLES.planner);
    const acknowledged = [await saveZone(planner, server.baseURL, 0, "lock test"), await saveZone(planner, server.baseURL, 1, "lock test")];

    // A second server: `npm start` prepares the database first, and that refuses at once.
    const second = runScript("prepare-db", [], env);
    expect(second.status).toBe(1);
    expect(second.output).toContain(`in use by another Grid Atlas process (server, PID ${server.pid}`);
    expect(second.output).toContain("nothing was changed");
    // The CLI told not to use the server refuses the same way…
    const direct = runScript("user", ["list", "--direct"], env);
    expect(direct.status).toBe(1);
    expect(direct.output).toContain(`PID ${server.pid}`);
    // …and by default the running server does the work.
    const created = runScript("user", ["create", "--email", "cli@example.org", "--role", "commander", "--password", "a long password here"], env);
    expect(created.output).toContain("created commander cli@example.org");
    expect(runScript("user", ["list"], env).output).toContain("cli@example.org");
    const backup = runScript("backup", ["--out", backupFile], env);
    expect(backup.output).toContain(`made by the running server, PID ${server.pid}`);
    expect(fs.existsSync(backupFile)).toBe(true);

    // The server kept serving and writing.
    const health = await waitHealthy(server.baseURL);
    acknowledged.push(await saveZone(planner, server.baseURL, 2, "lock test"));

    // A graceful stop lets a request in flight finish: this save's body is still arriving when
    // SIGTERM comes, and it is answered and kept.
    const cookie = (await planner.storageState()).cookies.map((c) => `${c.name}=${c.value}`).join("; ");
    const inFlight = slowPost(server.baseURL, "/api/zones", JSON.stringify(zoneDraft(3, "lock test")), cookie, () => server.process.kill("SIGTERM"));
    const answer = await inFlight;
    expect(answer.status, answer.body).toBe(201);
    acknowledged.push(JSON.parse(answer.body).id);
    await planner.dispose();
    expect(await server.exited).toBe(0);
    expect(server.log()).toContain("finishing 1 request(s) in flight");
    expect(server.log()).toContain("database closed; stopped");

    // After the stop the folder opens, with every acknowledged write.
    const again = await startServer(3232, env);
    await waitHealthy(again.baseURL);
    const reader = await signIn(again.baseURL, DEMO_ROLES.planner);
    await expectZones(reader, acknowledged, "lock test");
    await reader.dispose();
    await stopGracefully(again);

    // The backup restores into an empty DATA_DIR, with the account the CLI made and the district.
    const restoreEnv = serverEnv({ DATA_DIR: restoredDir });
    const restored = runScript("restore", [backupFile], restoreEnv);
    expect(restored.status, restored.output).toBe(0);
    expect(runScript("user", ["list", "--direct"], restoreEnv).output).toContain("cli@example.org");
    // Restoring over data is refused.
    const twice = runScript("restore", [backupFile], restoreEnv);
    expect(twice.status).toBe(1);
    expect(twice.output).toContain("not empty");
    const restoredServer = await startServer(3233, restoreEnv);
    const restoredHealth = await waitHealthy(restoredServer.baseURL);
    // The backup was taken before the third zone was saved: the counts as they were then.
    expect(restoredHealth.counts).toEqual(health.counts);
    await stopGracefully(restoredServer);
  } finally {
    for (const dir of [dataDir, restoredDir]) fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(backupFile, { force: true });
  }
});

for (const kind of ["embedded", "postgres"] as const) {
  test(`a server killed with SIGKILL during 200 concurrent zone saves restarts with every acknowledged save (${kind})`, async () => {
    test.skip(kind === "postgres" && !hasTestPostgres(), "TEST_DATABASE_URL not set (CI sets it)");
    const dataDir = tempDataDir("crash");
    const scratch = kind === "postgres" ? await scratchDatabase() : null;
    const env = serverEnv(scratch ? { DATABASE_URL: scratch.url, SEED_DEMO: "1" } : { DATA_DIR: dataDir });
    const port = kind === "postgres" ? 3235 : 3234;
    try {
      expect(runScript("prepare-db", [], env).status).toBe(0);
      const password = "a long password here";
      if (scratch) expect(runScript("user", ["create", "--email", DEMO_ROLES.planner, "--role", "planner", "--password", password], env).status).toBe(0);
      const server = await startServer(port, env);
      await waitHealthy(server.baseURL);
      const planner = await signIn(server.baseURL, DEMO_ROLES.planner, scratch ? password : undefined);

      const acknowledged: number[] = [];
      let killed = false;
      const saves = Array.from({ length: 200 }, async (_, i) => {
        const response = await planner.post("/api/zones", { data: zoneDraft(i, "crash test"), headers: { Origin: server.baseURL }, timeout: 60_000 }).catch(() => null);
        if (response?.status() === 201) {
          acknowledged.push((await response.json()).id);
          if (acknowledged.length >= 40 && !killed) {
            killed = true;
            server.process.kill("SIGKILL");
          }
        }
      });
      await Promise.all(saves);
      expect(killed).toBe(true);
      expect(await server.exited).toBeNull();
      console.log(`${kind}: ${acknowledged.length} of 200 saves acknowledged before SIGKILL`);
      await planner.dispose();

      const again = await startServer(port, env);
      await waitHealthy(again.baseURL);
      const reader = await signIn(again.baseURL, DEMO_ROLES.planner, scratch ? password : undefined);
      await expectZones(reader, acknowledged, "crash test");
      await reader.dispose();
      await stopGracefully(again);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
      await scratch?.drop();
    }
  });
}

test("PostgreSQL stopped → 503 with Retry-After; started again → 200, without restarting the app", async () => {
  test.skip(!hasTestPostgres() || !canRunOwnCluster(), "needs PostgreSQL 15 + PostGIS installed (CI installs them)");
  const cluster = await ownCluster(5439);
  try {
    const env = serverEnv({ DATABASE_URL: cluster.url, SEED_DEMO: "0" });
    expect(runScript("prepare-db", [], env).status).toBe(0);
    const password = "a long password here";
    expect(runScript("user", ["create", "--email", "admin@example.org", "--role", "admin", "--password", password], env).status).toBe(0);
    const server = await startServer(3236, env);
    expect((await waitHealthy(server.baseURL)).db).toBe("postgres");
    const admin = await signIn(server.baseURL, "admin@example.org", password);
    expect((await admin.get("/api/zones")).status()).toBe(200);

    cluster.stop();
    const health = await fetch(`${server.baseURL}/api/health`);
    expect(health.status).toBe(503);
    expect(health.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await health.json()).toMatchObject({ status: "unavailable", db: "unreachable" });
    for (const path of ["/api/zones", "/api/boundaries/streets", "/api/auth/me"]) {
      const response = await admin.get(path);
      expect(response.status(), path).toBe(503);
      expect(response.headers()["retry-after"], path).toMatch(/^\d+$/);
      expect((await response.json()).error, path).toMatch(/database/);
    }
    const write = await admin.post("/api/zones", { data: zoneDraft(0, "outage"), headers: { Origin: server.baseURL } });
    expect(write.status()).toBe(503);

    cluster.start();
    await waitHealthy(server.baseURL, 30_000);
    expect((await admin.get("/api/zones")).status()).toBe(200);
    expect(server.process.exitCode).toBeNull(); // the same server process throughout
    await admin.dispose();
    await stopGracefully(server);
  } finally {
    cluster.destroy();
  }
});

test("with BACKUP_DIR the server makes the day's backup and the admin page shows it", async ({ page }) => {
  const dataDir = tempDataDir("daily");
  const backupDir = tempDataDir("daily-backups");
  const env = serverEnv({ DATA_DIR: dataDir, BACKUP_DIR: backupDir, BACKUP_KEEP: "3" });
  try {
    expect(runScript("prepare-db", [], env).status).toBe(0);
    const server = await startServer(3237, env);
    await waitHealthy(server.baseURL);
    await expect.poll(() => fs.readdirSync(backupDir).filter((n) => n.endsWith(".zip")).length, { timeout: 60_000 }).toBe(1);
    const [file] = fs.readdirSync(backupDir).filter((n) => n.endsWith(".zip"));
    expect(file).toMatch(/^grid-atlas-\d{4}-\d{2}-\d{2}-\d{6}\.zip$/);
    // The daily backup restores like any other.
    const restoredDir = tempDataDir("daily-restored");
    try {
      const restored = runScript("restore", [path.join(backupDir, file!)], serverEnv({ DATA_DIR: restoredDir }));
      expect(restored.status, restored.output).toBe(0);
    } finally {
      fs.rmSync(restoredDir, { recursive: true, force: true });
    }

    await page.context().clearCookies();
    await page.context().addCookies([{ name: "ga-lang", value: "zh", url: server.baseURL }]);
    const signedIn = await page.request.post(`${server.baseURL}/api/auth/sign-in`, { data: { email: DEMO_ROLES.admin, password: E2E_DEMO_PASSWORD }, headers: { Origin: server.baseURL } });
    expect(signedIn.status()).toBe(200);
    await page.goto(`${server.baseURL}/admin`);
    const panel = page.getByTestId("backup-panel");
    await expect(panel).toContainText("数据备份");
    await expect(page.getByTestId("backup-last")).toContainText("成功");
    await expect(page.getByTestId("backup-last")).toContainText(file!);
    await panel.scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath("admin-backup.png") });
    await stopGracefully(server);
  } finally {
    fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(backupDir, { recursive: true, force: true });
  }
});
