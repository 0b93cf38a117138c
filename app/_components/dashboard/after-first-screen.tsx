"use client";

import dynamic from "next/dynamic";
import type { ComponentType } from "react";
import { useFirstScreenPainted } from "./first-screen";

/** What stands in for a chart until its code and data are there: its height, so nothing jumps. */
function ChartPlaceholder() {
  return <div className="chart-placeholder" aria-busy="true" />;
}

/**
 * A chart (or a panel with one) whose code — Recharts is most of a 180 KB gzipped chunk — is
 * fetched only once the map's first screen is painted: parsing it on the way held the map up.
 */
function afterFirstScreen<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  const Loaded = dynamic(load, { ssr: false, loading: ChartPlaceholder });
  function LazyChart(props: P) {
    return useFirstScreenPainted() ? <Loaded {...props} /> : <ChartPlaceholder />;
  }
  return LazyChart;
}

export const EventsPerWeek = afterFirstScreen(() => import("../charts/events-per-week").then((m) => m.EventsPerWeek));
export const CoverageByStreet = afterFirstScreen(() => import("../charts/coverage-by-street").then((m) => m.CoverageByStreet));
export const BuildingsByStatus = afterFirstScreen(() => import("../charts/buildings-by-status").then((m) => m.BuildingsByStatus));
export const MonthlyTrend = afterFirstScreen(() => import("../charts/monthly-trend").then((m) => m.MonthlyTrend));
export const SupervisedAreasPanel = afterFirstScreen(() => import("../command/supervised-areas-panel").then((m) => m.SupervisedAreasPanel));
