import Link from "next/link";
import type { Locale, Messages } from "@/lib/i18n/messages";
import { LanguageSwitch } from "./language-switch";
import { NavLinks } from "./nav-links";
import { UserMenu, type SignedInUser } from "./user-menu";

export function Header({ locale, t, demo, user }: { locale: Locale; t: Messages; demo: boolean; user: SignedInUser }) {
  return (
    <header className="header">
      <Link href="/" className="brand">
        <span className="brand-mark" aria-hidden="true">▦</span>
        <span className="brand-name">{t.productName}</span>
        <span className="brand-tagline">{t.productTagline}</span>
      </Link>
      <NavLinks
        labels={t.nav}
        navLabel={t.navLabel}
        admin={user.role === "admin" ? { users: t.admin.nav, audit: t.admin.audit, setup: t.setup.nav } : null}
        importLabel={user.role === "planner" || user.role === "street_office" || user.role === "admin" ? t.imports.nav : null}
      />
      <div className="header-end">
        {demo && (
          <span className="demo-badge" title={t.demoBadgeTitle} data-testid="demo-badge">
            {t.demoBadge}
          </span>
        )}
        <LanguageSwitch locale={locale} label={t.languageLabel} switchTo={t.languageSwitchTo} />
        <UserMenu user={user} t={t.auth} />
      </div>
    </header>
  );
}
