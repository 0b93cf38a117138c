"use client";

import { useCallback, useEffect, useState } from "react";
import type { FieldToday } from "@/lib/field/field-types";
import { keep, kept } from "@/lib/field/offline-queue";

export type FieldData = { data: FieldToday; savedAt: string | null; offline: boolean } | { data: null; failed: boolean };

/**
 * The day's data: from the server when there is a signal (and kept on the phone), else the copy
 * kept last time. `savedAt` says how old an offline copy is.
 */
export function useFieldData(): { state: FieldData; reload: () => Promise<void> } {
  const [state, setState] = useState<FieldData>({ data: null, failed: false });
  const reload = useCallback(async () => {
    try {
      // On a weak signal, the kept copy after a few seconds rather than a spinner.
      const response = await fetch("/api/field/today", { cache: "no-store", signal: AbortSignal.timeout(8_000) });
      if (response.status === 401) {
        window.location.assign("/sign-in?next=/field"); // eslint-disable-line @next/next/no-location-assign-relative-destination -- a full load: the session is gone
        return;
      }
      if (!response.ok) throw new Error(String(response.status));
      const data = (await response.json()) as FieldToday;
      await keep("today", data);
      setState({ data, savedAt: null, offline: false });
    } catch {
      const copy = await kept<FieldToday>("today");
      setState(copy ? { data: copy.value, savedAt: copy.savedAt, offline: true } : { data: null, failed: true });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { state, reload };
}
