"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Messages } from "@/lib/i18n/messages";

const VIEWS = [
  { href: "/", key: "overview" },
  { href: "/plan", key: "plan" },
  { href: "/command", key: "command" },
  { href: "/coverage", key: "coverage" },
] as const;

export function NavLinks({ labels, admin, importLabel }: { labels: Messages["nav"]; admin: { users: string; audit: string; setup: string } | null; importLabel: string | null }) {
  const pathname = usePathname();
  const links: { href: string; label: string }[] = VIEWS.map((v) => ({ href: v.href, label: labels[v.key] }));
  if (importLabel) links.push({ href: "/import", label: importLabel });
  if (admin) links.push({ href: "/setup", label: admin.setup }, { href: "/admin", label: admin.users }, { href: "/admin/audit", label: admin.audit });
  return (
    <nav className="nav" aria-label="views">
      {links.map((view) => {
        const active = view.href === "/" || view.href === "/admin" ? pathname === view.href : pathname.startsWith(view.href);
        return (
          <Link key={view.href} href={view.href} className={active ? "nav-link active" : "nav-link"} aria-current={active ? "page" : undefined}>
            {view.label}
          </Link>
        );
      })}
    </nav>
  );
}
