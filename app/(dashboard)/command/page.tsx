import { getMessages } from "@/lib/i18n/get-locale";
import { MapPage } from "../map-page";

export default async function CommandPage() {
  const { t } = await getMessages();
  return (
    <MapPage
      view="command"
      intro={
        <>
          <h1>{t.nav.command}</h1>
          <p className="view-intro">{t.views.command}</p>
        </>
      }
    />
  );
}
