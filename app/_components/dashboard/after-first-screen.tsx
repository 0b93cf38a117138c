"use client";

import { lazy, Suspense, type ComponentType } from "react";
import type { Messages } from "@/lib/i18n/messages";
import { useFirstScreenPainted } from "./first-screen";

/** What stands in for a chart until its code and data are there: the words, and its height so nothing jumps. */
function ChartPlaceholder({ text }: { text: string }) {
  return (
    <p className="chart-empty chart-placeholder" aria-busy="true">
      {text}
    </p>
  );
}

/**
 * A chart (or a panel with one) whose code — Recharts is most of a 180 KB gzipped chunk — is
 * fetched only once the map's first screen is painted: parsing it on the way held the map up.
 */
function afterFirstScreen<P extends object>(load: () => Promise<ComponentType<P>>, loadingText: (props: P) => string): ComponentType<P> {
  const Loaded = lazy(() => load().then((component) => ({ default: component })));
  function LazyChart(props: P) {
    const placeholder = <ChartPlaceholder text={loadingText(props)} />;
    if (!useFirstScreenPainted()) return placeholder;
    return (
      <Suspense fallback={placeholder}>
        <Loaded {...props} />
      </Suspense>
    );
  }
  return LazyChart;
}

type Dashboard = Messages["dashboard"];
export const EventsPerWeek = afterFirstScreen(() => import("../charts/events-per-week").then((m) => m.EventsPerWeek), (p) => p.t.loadingData);
export const CoverageByStreet = afterFirstScreen(() => import("../charts/coverage-by-street").then((m) => m.CoverageByStreet), (p) => p.t.loadingData);
export const BuildingsByStatus = afterFirstScreen(() => import("../charts/buildings-by-status").then((m) => m.BuildingsByStatus), (p) => p.t.loadingData);
export const MonthlyTrend = afterFirstScreen(() => import("../charts/monthly-trend").then((m) => m.MonthlyTrend), (p) => p.t.loadingData);
export const SupervisedAreasPanel = afterFirstScreen(
  () => import("../command/supervised-areas-panel").then((m) => m.SupervisedAreasPanel),
  (p) => (p.d as Dashboard).loadingData,
);
