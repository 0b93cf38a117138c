import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (m=19 MiB, t=2, p=1: OWASP's minimum for argon2id).
const ALGORITHM_ARGON2ID = 2;

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export function hashPassword(password: string): Promise<string> {
  return hash(password, { algorithm: ALGORITHM_ARGON2ID });
}

// A real hash of a random string: unknown e-mails take as long as wrong passwords.
let dummyHash: Promise<string> | null = null;

/** Verify, spending the same time when there is no account (no e-mail enumeration by timing). */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  dummyHash ??= hashPassword(crypto.randomUUID());
  const target = stored ?? (await dummyHash);
  try {
    const ok = await verify(target, password);
    return ok && !!stored;
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** Why a new password is unacceptable, or null. */
export function passwordProblem(password: string): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `a password needs at least ${MIN_PASSWORD_LENGTH} characters`;
  if (password.length > MAX_PASSWORD_LENGTH) return `a password may have at most ${MAX_PASSWORD_LENGTH} characters`;
  return null;
}
