import type { PaddingOptions } from "maplibre-gl";

const MARGIN = 16;

/**
 * Padding that keeps a fitted extent in the part of the map nobody covers: the floating side
 * panel and the legend (elements marked `data-map-cover`). A cover against the left or right edge
 * pads that side; one in a corner pads whichever side costs the map less of its area.
 */
export function freeAreaPadding(frame: HTMLElement, base = 24): PaddingOptions {
  const box = frame.getBoundingClientRect();
  const padding = { top: base, bottom: base, left: base, right: base };
  if (box.width === 0 || box.height === 0) return padding;
  for (const cover of document.querySelectorAll<HTMLElement>("[data-map-cover]")) {
    const r = cover.getBoundingClientRect();
    const overlaps = r.width > 0 && r.right > box.left && r.left < box.right && r.bottom > box.top && r.top < box.bottom;
    if (!overlaps) continue;
    const widthShare = r.width / box.width;
    const heightShare = r.height / box.height;
    // A cover spanning most of the width (a phone's bottom sheet) pads the top or bottom instead.
    const horizontal = widthShare > 0.6 || (heightShare < widthShare && heightShare < 0.5);
    if (horizontal) {
      if (r.top - box.top < box.bottom - r.bottom) padding.top = Math.max(padding.top, r.bottom - box.top + MARGIN);
      else padding.bottom = Math.max(padding.bottom, box.bottom - r.top + MARGIN);
    } else if (r.left - box.left < box.right - r.right) {
      padding.left = Math.max(padding.left, r.right - box.left + MARGIN);
    } else {
      padding.right = Math.max(padding.right, box.right - r.left + MARGIN);
    }
  }
  // Never leave less than a third of the map to fit into.
  const spareX = box.width - padding.left - padding.right;
  if (spareX < box.width / 3) padding.right = Math.max(base, box.width - padding.left - box.width / 3);
  const spareY = box.height - padding.top - padding.bottom;
  if (spareY < box.height / 3) padding.bottom = Math.max(base, box.height - padding.top - box.height / 3);
  return padding;
}
