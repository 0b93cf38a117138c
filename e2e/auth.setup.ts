import fs from "node:fs";
import { expect, test as setup } from "@playwright/test";
import { DEMO_ROLES, storageStatePath } from "./accounts";

// Sign in once as each demo account (programmatically, as scripts do) and keep the cookies, so
// every spec can act as any role without going through the form again.
for (const [role, email] of Object.entries(DEMO_ROLES)) {
  setup(`sign in as ${role}`, async ({ request, baseURL }) => {
    const response = await request.post("/api/auth/sign-in", {
      data: { email, password: process.env.DEMO_PASSWORD },
      headers: { Origin: baseURL! },
    });
    expect(response.status(), await response.text()).toBe(200);
    fs.mkdirSync("e2e/.auth", { recursive: true });
    await request.storageState({ path: storageStatePath(role as keyof typeof DEMO_ROLES) });
  });
}
