import http from "node:http";
import type { AddressInfo } from "node:net";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { actorWithRole } from "@/lib/auth/actor";
import { queryOne } from "@/lib/db/query";
import { openTestDatabase, withTestDistrict } from "@/lib/db/test-database";
import type { Database } from "@/lib/db/types";
import { sendAlertsToWebhook } from "./alert-webhook";
import { runAlerts } from "./alerts";
import { NewSupervisedArea, openSupervisedArea } from "./supervised-areas";

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database?.close();
});
afterEach(() => {
  delete process.env.ALERT_WEBHOOK_URL;
  delete process.env.ALERT_WEBHOOK_RETRY_MS;
});

/** A local stand-in for a DingTalk/WeCom group robot: answers each POST with the next reply in the list. */
async function receiver(replies: [number, string][]) {
  const bodies: unknown[] = [];
  const server = http.createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      bodies.push(JSON.parse(body));
      const [status, text] = replies[Math.min(bodies.length - 1, replies.length - 1)]!;
      response.writeHead(status, { "Content-Type": "application/json" }).end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/robot/send`, bodies, close: () => new Promise((r) => server.close(r)) };
}

describe(`the alert webhook (${process.env.TEST_DB ?? "embedded"})`, () => {
  it("posts a DingTalk/WeCom text message per alert, retries a failure, and records what became of it", async () => {
    await withTestDistrict(database.db, 23, async (tx) => {
      const commander = actorWithRole("commander");
      const cell = await queryOne<{ code: string }>(tx, sql`select code from grid_cells order by code limit 1`);
      await openSupervisedArea(
        tx,
        commander,
        NewSupervisedArea.parse({ name: "推送测试点", cells: [cell!.code], department: "subdistrict_office", category: "complaint", max_per_week: 0, target_weeks: 1, deadline: "2026-07-14" }),
        "2026-07-01",
      );
      const alert = (await runAlerts(tx, commander, "2026-07-15")).raised.find((a) => a.kind === "area_overdue")!;
      expect(alert.webhook_state).toBe("none"); // no webhook configured when it was raised

      process.env.ALERT_WEBHOOK_RETRY_MS = "5";
      const flaky = await receiver([[502, "bad gateway"], [200, '{"errcode":0,"errmsg":"ok"}']]);
      process.env.ALERT_WEBHOOK_URL = flaky.url;
      await sendAlertsToWebhook(tx, [alert]);
      await flaky.close();
      expect(flaky.bodies).toHaveLength(2);
      const body = flaky.bodies[1] as { msgtype: string; text: { content: string } };
      expect(Object.keys(body).sort()).toEqual(["msgtype", "text"]);
      expect(body.msgtype).toBe("text");
      expect(body.text.content).toContain("督办逾期");
      expect(body.text.content).toContain("推送测试点");
      const state = (id: number) => queryOne(tx, sql`select webhook_state, webhook_attempts, webhook_error from alerts where id = ${id}`);
      expect(await state(alert.id)).toEqual({ webhook_state: "sent", webhook_attempts: 2, webhook_error: null });

      // A robot that refuses (DingTalk answers 200 with an errcode): four tries, then failed with its reason.
      const refusing = await receiver([[200, '{"errcode":310000,"errmsg":"keywords not in content"}']]);
      process.env.ALERT_WEBHOOK_URL = refusing.url;
      await sendAlertsToWebhook(tx, [alert]);
      await refusing.close();
      expect(refusing.bodies).toHaveLength(4);
      expect(await state(alert.id)).toEqual({ webhook_state: "failed", webhook_attempts: 4, webhook_error: "errcode 310000: keywords not in content" });
    });
  });
});
