import { districtCodeParam, streetCodeParam } from "@/lib/auth/code-params";
import { z } from "zod";
import { isStreetRole, USER_ROLES } from "@/lib/vocabulary";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";

const email = z.string().trim().toLowerCase().max(200, "at most 200 characters").pipe(z.email("not an e-mail address"));
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `a password needs at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `a password may have at most ${MAX_PASSWORD_LENGTH} characters`);
const scopeRule = {
  message: "a street office or grid worker needs street_code; other roles must not have one",
  path: ["street_code"],
};

/** A new staff account. Only what sign-in and the audit log need: no other personal data. */
export const NewUser = z
  .object({
    email,
    display_name: z.string().trim().min(1, "give a display name").max(100, "at most 100 characters"),
    role: z.enum(USER_ROLES),
    street_code: streetCodeParam.nullish(),
    /** A district-wide account's district (issue #20); empty: the whole city, or the admin's own district. */
    district_code: districtCodeParam.nullish(),
    password,
  })
  .strict()
  .refine((u) => isStreetRole(u.role) === !!u.street_code, scopeRule);
export type NewUser = z.output<typeof NewUser>;

/** Changes an admin may make; role and street change together so the scope rule always holds. */
export const UserChange = z
  .object({
    display_name: z.string().trim().min(1).max(100).optional(),
    role: z.enum(USER_ROLES).optional(),
    street_code: streetCodeParam.nullish(),
    district_code: districtCodeParam.nullish(),
    disabled: z.boolean().optional(),
    password: password.optional(),
  })
  .strict()
  .refine((c) => Object.keys(c).length > 0, "nothing to change")
  .refine((c) => c.role === undefined || isStreetRole(c.role) === !!c.street_code, scopeRule);
export type UserChange = z.output<typeof UserChange>;

export const SignInInput = z
  .object({
    email: z.string().trim().toLowerCase().min(1, "give your e-mail").max(200),
    password: z.string().min(1, "give your password").max(MAX_PASSWORD_LENGTH),
  })
  .strict();
