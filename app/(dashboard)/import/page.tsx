import { requirePageActor } from "@/lib/auth/page-actor";
import { IMPORT_CRS } from "@/lib/imports/crs";
import { canImport } from "@/lib/imports/imports";
import { IMPORT_LAYERS, IMPORT_TARGETS } from "@/lib/imports/targets";
import { getMessages } from "@/lib/i18n/get-locale";
import { Forbidden } from "../forbidden";
import { ImportForm } from "./import-form";

export default async function ImportPage({ searchParams }: { searchParams: Promise<{ layer?: string }> }) {
  const actor = await requirePageActor();
  const { t } = await getMessages();
  // Admins set the district up; planners import the rest; a street office the register, inside its street.
  const layers = IMPORT_LAYERS.filter((l) => canImport(actor, l));
  // /setup links here with the layer to bring in next.
  const asked = (await searchParams).layer;
  const initial = layers.find((l) => l === asked) ?? layers[0];
  if (layers.length === 0) {
    return <Forbidden t={t.auth} role={actor.role} />;
  }
  return (
    <div className="admin-page" data-testid="import-page">
      <h1>{t.imports.title}</h1>
      <p className="muted">{t.imports.intro}</p>
      <ImportForm t={t.imports} layers={[...layers]} initialLayer={initial!} replaceable={layers.filter((l) => IMPORT_TARGETS[l].replaceable)} crs={[...IMPORT_CRS]} />
    </div>
  );
}
