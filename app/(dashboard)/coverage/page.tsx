import { getMessages } from "@/lib/i18n/get-locale";
import { MapPage } from "../map-page";

export default async function CoveragePage() {
  const { t } = await getMessages();
  return (
    <MapPage
      panel={
        <>
          <h1>{t.nav.coverage}</h1>
          <p className="coming-soon-label">{t.comingSoon.label}</p>
          <p>{t.comingSoon.coverage}</p>
        </>
      }
    />
  );
}
