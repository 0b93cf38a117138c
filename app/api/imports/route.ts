// POST /api/imports (multipart: file, layer, crs = wgs84|cgcs2000|gcj02|bd09, mapping = JSON, mode = add|replace) → 202 {id}; parsing continues
// in the background: poll GET /api/imports/{id} for status, progress and the validation report.
import { after, NextResponse } from "next/server";
import { createImport, ImportOptions, stageImport } from "@/lib/imports/imports";
import { IMPORT_LIMITS } from "@/lib/imports/limits";
import { BadRequestError, HttpError } from "@/lib/http/errors";
import { route } from "@/lib/http/route";

export const dynamic = "force-dynamic";

export const POST = route(async ({ request, actor, database }) => {
  if (!/^multipart\/form-data/i.test(request.headers.get("content-type") ?? "")) throw new HttpError(415, "send the file as multipart/form-data with fields file, layer and crs");
  if (Number(request.headers.get("content-length") ?? 0) > IMPORT_LIMITS.uploadBytes + 64 * 1024) {
    throw new HttpError(413, `the upload is larger than ${IMPORT_LIMITS.uploadBytes / 1024 / 1024} MB`);
  }
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    throw new BadRequestError("the multipart body cannot be read");
  }
  const file = form.get("file");
  if (!(file instanceof File)) throw new BadRequestError("file: attach the file to import");
  if (file.size > IMPORT_LIMITS.uploadBytes) throw new HttpError(413, `the file is larger than ${IMPORT_LIMITS.uploadBytes / 1024 / 1024} MB`);
  let mapping: unknown = {};
  try {
    mapping = form.get("mapping") ? JSON.parse(String(form.get("mapping"))) : {};
  } catch {
    throw new BadRequestError("mapping: give a JSON object, e.g. {\"name\": \"名称\"}");
  }
  const options = ImportOptions.parse({ layer: form.get("layer") ?? undefined, crs: form.get("crs") ?? undefined, mode: form.get("mode") || undefined, mapping });
  const id = await createImport(database.db, actor, file.name, options);
  const bytes = new Uint8Array(await file.arrayBuffer());
  after(() => stageImport(database.db, id, file.name, bytes));
  return NextResponse.json({ id, status: "parsing", links: { self: `/api/imports/${id}`, commit: `/api/imports/${id}/commit` } }, { status: 202 });
});
