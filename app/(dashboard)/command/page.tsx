import { getMessages } from "@/lib/i18n/get-locale";
import { MapPage } from "../map-page";

export default async function CommandPage() {
  const { t } = await getMessages();
  return (
    <MapPage
      panel={
        <>
          <h1>{t.nav.command}</h1>
          <p className="coming-soon-label">{t.comingSoon.label}</p>
          <p>{t.comingSoon.command}</p>
        </>
      }
    />
  );
}
