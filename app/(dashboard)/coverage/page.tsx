import { getMessages } from "@/lib/i18n/get-locale";
import { MapPage } from "../map-page";

export default async function CoveragePage() {
  const { t } = await getMessages();
  return (
    <MapPage
      view="coverage"
      intro={
        <>
          <h1>{t.nav.coverage}</h1>
          <p className="view-intro">{t.views.coverage}</p>
        </>
      }
    />
  );
}
