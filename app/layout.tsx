import type { Metadata } from "next";
import type { ReactNode } from "react";
import "maplibre-gl/dist/maplibre-gl.css";
import "./globals.css";
import { getMessages } from "@/lib/i18n/get-locale";
import { LOCALE_TAG } from "@/lib/i18n/messages";

export async function generateMetadata(): Promise<Metadata> {
  const { t } = await getMessages();
  return { title: `${t.productName} · ${t.productTagline}`, description: t.productTagline };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale } = await getMessages();
  return (
    <html lang={LOCALE_TAG[locale]}>
      <body>{children}</body>
    </html>
  );
}
