import { expect, type Page } from "@playwright/test";

/** Number of rendered features in the given style layers (via the map the app exposes for tests). */
export async function renderedCount(page: Page, layers: string[]): Promise<number> {
  return page.evaluate((ids) => {
    const map = (window as unknown as { __gridAtlasMap?: { getLayer(id: string): unknown; queryRenderedFeatures(o: object): unknown[] } }).__gridAtlasMap;
    if (!map) return -1;
    const present = ids.filter((id) => map.getLayer(id));
    return present.length ? map.queryRenderedFeatures({ layers: present }).length : 0;
  }, layers);
}

export async function mapCenter(page: Page): Promise<[number, number]> {
  return page.evaluate(() => {
    const map = (window as unknown as { __gridAtlasMap: { getCenter(): { lng: number; lat: number } } }).__gridAtlasMap;
    const c = map.getCenter();
    return [c.lng, c.lat] as [number, number];
  });
}

/**
 * Wait for the map to settle after a change: first until the page has rendered the address bar's
 * view (a filter writes the URL at once and renders a moment later), then until the map is idle
 * (it turns busy in the same commit that changes what it draws) and no overlay is loading.
 */
export async function settle(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const rendered = document.querySelector("[data-rendered-query]")?.getAttribute("data-rendered-query");
        return rendered === undefined || rendered === null || rendered === new URLSearchParams(window.location.search).toString();
      }),
    )
    .toBe(true);
  await expect(page.locator('[data-testid="district-map"][data-map-idle="true"]')).toHaveCount(1, { timeout: 30_000 });
  // Loading only: an analysis that was refused keeps its reason on screen (.overlay-status.error).
  await expect(page.locator(".overlay-status:not(.error)")).toHaveCount(0, { timeout: 30_000 });
}

/**
 * Units of the analysis overlay drawn on the map. A grid-cell overlay colours the cell tiles by
 * feature state, so a cell counts only when the analysis' values were set on it; hexagons and
 * kernel surfaces are drawn from the analysis itself.
 */
export async function overlayUnitsDrawn(page: Page): Promise<number> {
  return page.evaluate(() => {
    const map = (window as unknown as { __gridAtlasMap?: { getLayer(id: string): unknown; queryRenderedFeatures(o: object): { source: string; state: Record<string, unknown> }[] } }).__gridAtlasMap;
    if (!map?.getLayer("overlay-fill")) return 0;
    return map.queryRenderedFeatures({ layers: ["overlay-fill"] }).filter((f) => f.source !== "boundaries-grid-cells" || f.state.analysed === true).length;
  });
}
