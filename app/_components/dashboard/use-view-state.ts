"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseViewState, viewStateQuery, type ViewState } from "@/lib/dashboard/view-state";

/** The view's filter state, read from and written to the URL (so a view can be shared by link). */
export function useViewState(defaults: ViewState): [ViewState, (next: Partial<ViewState>) => void] {
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams();
  const state = useMemo(() => parseViewState(Object.fromEntries(search.entries()), defaults), [search, defaults]);
  const update = useCallback(
    (next: Partial<ViewState>) => {
      const query = viewStateQuery({ ...state, ...next }, defaults);
      router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
    },
    [state, defaults, pathname, router],
  );
  return [state, update];
}
