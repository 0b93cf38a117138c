"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { parseViewState, viewStateQuery, type ViewState } from "@/lib/dashboard/view-state";

/**
 * The view's filter state, read from and written to the URL (so a view can be shared by link).
 * Written with the native History API, which Next keeps in sync with useSearchParams: a filter
 * change re-renders the client only, without a server round trip.
 */
export function useViewState(defaults: ViewState): [ViewState, (next: Partial<ViewState>) => void, string] {
  const pathname = usePathname();
  const search = useSearchParams();
  const state = useMemo(() => parseViewState(Object.fromEntries(search.entries()), defaults), [search, defaults]);
  const update = useCallback(
    (next: Partial<ViewState>) => {
      const query = viewStateQuery({ ...state, ...next }, defaults);
      window.history.replaceState(null, "", query ? `${pathname}?${query}` : pathname);
    },
    [state, defaults, pathname],
  );
  // The query this render reflects: tests wait until it equals the address bar's before reading the map.
  return [state, update, search.toString()];
}
