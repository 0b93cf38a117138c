"use client";

import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import type { Messages } from "@/lib/i18n/messages";
import { AREA_CODE } from "@/lib/auth/street-code";

const VIEWS = [
  { href: "/", key: "overview" },
  { href: "/plan", key: "plan" },
  { href: "/command", key: "command" },
  { href: "/coverage", key: "coverage" },
] as const;

export function NavLinks({ labels, navLabel, admin, importLabel }: { labels: Messages["nav"]; navLabel: string; admin: { users: string; audit: string; setup: string } | null; importLabel: string | null }) {
  const pathname = usePathname();
  // The area chosen in one map view (a district or street) stays chosen in the others.
  const area = useSearchParams().get("street");
  const withArea = (href: string) => (area && AREA_CODE.test(area) ? `${href}?street=${area}` : href);
  const links: { href: string; label: string }[] = VIEWS.map((v) => ({ href: withArea(v.href), label: labels[v.key] }));
  if (importLabel) links.push({ href: "/import", label: importLabel });
  if (admin) links.push({ href: "/setup", label: admin.setup }, { href: "/admin", label: admin.users }, { href: "/admin/audit", label: admin.audit });
  return (
    <nav className="nav" aria-label={navLabel}>
      {links.map((view) => {
        const path = view.href.split("?")[0]!;
        const active = path === "/" || path === "/admin" ? pathname === path : pathname.startsWith(path);
        return (
          <Link key={view.href} href={view.href} className={active ? "nav-link active" : "nav-link"} aria-current={active ? "page" : undefined}>
            {view.label}
          </Link>
        );
      })}
    </nav>
  );
}
