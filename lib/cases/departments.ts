import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import { appendAudit } from "@/lib/audit/append-audit";
import type { Actor } from "@/lib/auth/actor";
import { authorize } from "@/lib/auth/authorize";
import { inTransaction, query, queryOne } from "@/lib/db/query";
import type { Db } from "@/lib/db/types";
import { HttpError, NotFoundError } from "@/lib/http/errors";

/** 责任单位: the managed list of departments cases go to. Everyone signed in reads it; admins edit it. */
export interface Department {
  code: string;
  name_zh: string;
  name_en: string;
  active: boolean;
}

const names = {
  name_zh: z.string().trim().min(1).max(40),
  name_en: z.string().trim().min(1).max(80),
};

export const NewDepartment = z
  .object({
    code: z.string().regex(/^[a-z][a-z0-9_]{1,31}$/, "code: 2–32 lower-case letters, digits or _, starting with a letter, e.g. urban_management"),
    ...names,
  })
  .strict();
export const DepartmentChange = z.object({ ...names, active: z.boolean() }).partial().strict();

export async function listDepartments(db: Db, actor: Actor): Promise<Department[]> {
  authorize(actor, "read:register");
  return query<Department>(db, sql`select code, name_zh, name_en, active from departments order by active desc, name_zh`);
}

/** The department a case or area is given to: it must exist and be in use. */
export async function activeDepartment(db: Db, code: string): Promise<Department> {
  const row = await queryOne<Department>(db, sql`select code, name_zh, name_en, active from departments where code = ${code}`);
  if (!row || !row.active) throw new HttpError(422, "").as("department.unknown", { code });
  return row;
}

export async function createDepartment(db: Db, actor: Actor, input: z.output<typeof NewDepartment>): Promise<Department> {
  authorize(actor, "setup:district");
  return inTransaction(db, async (t) => {
    const row = await queryOne<Department>(
      t,
      sql`insert into departments (code, name_zh, name_en) values (${input.code}, ${input.name_zh}, ${input.name_en})
          on conflict (code) do nothing returning code, name_zh, name_en, active`,
    );
    if (!row) throw new HttpError(409, "").as("department.exists", { code: input.code });
    await appendAudit(t, actor, { entity: "departments", entityId: input.code, action: "create", after: input });
    return row;
  });
}

/** Rename a department or take it out of use (cases it has keep it; new ones cannot get it). */
export async function updateDepartment(db: Db, actor: Actor, code: string, change: z.output<typeof DepartmentChange>): Promise<Department> {
  authorize(actor, "setup:district");
  return inTransaction(db, async (t) => {
    const before = await queryOne<Department>(t, sql`select code, name_zh, name_en, active from departments where code = ${code} for update`);
    if (!before) throw new NotFoundError().as("department.not_found", { code });
    const after = { ...before, ...change };
    await t.execute(sql`update departments set name_zh = ${after.name_zh}, name_en = ${after.name_en}, active = ${after.active} where code = ${code}`);
    await appendAudit(t, actor, { entity: "departments", entityId: code, action: "update", before, after: change });
    return after;
  });
}
