import { can } from "@/lib/auth/authorize";
import { requirePageActor } from "@/lib/auth/page-actor";
import { IMPORT_CRS } from "@/lib/imports/crs";
import { IMPORT_LAYERS, IMPORT_TARGETS } from "@/lib/imports/targets";
import { getMessages } from "@/lib/i18n/get-locale";
import { Forbidden } from "../forbidden";
import { ImportForm } from "./import-form";

export default async function ImportPage() {
  const actor = await requirePageActor();
  const { t } = await getMessages();
  // Planners import every layer; a street office the register, inside its street.
  const layers = IMPORT_LAYERS.filter((l) => can(actor, "import") || (IMPORT_TARGETS[l].registerLayer && can(actor, "edit:register")));
  if (layers.length === 0) {
    return <Forbidden t={t.auth} role={actor.role} />;
  }
  return (
    <div className="admin-page" data-testid="import-page">
      <h1>{t.imports.title}</h1>
      <p className="muted">{t.imports.intro}</p>
      <ImportForm t={t.imports} layers={[...layers]} crs={[...IMPORT_CRS]} />
    </div>
  );
}
