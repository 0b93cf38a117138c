import { getMessages } from "@/lib/i18n/get-locale";
import { MapPage } from "../map-page";

export default async function PlanPage() {
  const { t } = await getMessages();
  return (
    <MapPage
      view="plan"
      intro={
        <>
          <h1>{t.nav.plan}</h1>
          <p className="view-intro">{t.views.plan}</p>
        </>
      }
    />
  );
}
