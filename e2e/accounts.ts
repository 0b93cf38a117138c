/** The demo accounts the e2e server creates (DEMO_PASSWORD is fixed in playwright.config.ts). */
export const DEMO_ROLES = {
  admin: "admin@demo.local",
  planner: "planner@demo.local",
  commander: "commander@demo.local",
  street_office: "wuma@demo.local",
  grid_worker: "worker@demo.local",
} as const;
export type DemoRole = keyof typeof DEMO_ROLES;

export const storageStatePath = (role: DemoRole) => `e2e/.auth/${role}.json`;

export const E2E_DEMO_PASSWORD = "e2e-demo-password";
