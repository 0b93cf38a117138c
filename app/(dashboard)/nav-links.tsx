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

export function NavLinks({ labels }: { labels: Messages["nav"] }) {
  const pathname = usePathname();
  return (
    <nav className="nav" aria-label="views">
      {VIEWS.map((view) => {
        const active = view.href === "/" ? pathname === "/" : pathname.startsWith(view.href);
        return (
          <Link key={view.href} href={view.href} className={active ? "nav-link active" : "nav-link"} aria-current={active ? "page" : undefined}>
            {labels[view.key]}
          </Link>
        );
      })}
    </nav>
  );
}
