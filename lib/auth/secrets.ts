import { createHash, randomBytes } from "node:crypto";

/** A 256-bit random secret, URL-safe. */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Sessions and tokens are stored only as this digest (they are random, so no salt or KDF is needed). */
export function digest(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}
