import type { Map as MapLibreMap } from "maplibre-gl";

/**
 * The current map view as a PNG for reports: title, date line, the map, a scale bar and the
 * legend as shown on screen (read from the legend's own list, so the image says what the map says).
 */
export async function exportMapImage(map: MapLibreMap, title: string, dateLine: string, legend: HTMLElement | null): Promise<Blob> {
  const source = map.getCanvas();
  const dpr = source.width / source.clientWidth || 1;
  const header = 64 * dpr;
  const out = document.createElement("canvas");
  out.width = source.width;
  out.height = source.height + header;
  const g = out.getContext("2d")!;
  g.fillStyle = "#ffffff";
  g.fillRect(0, 0, out.width, out.height);
  g.fillStyle = "#12324f";
  g.font = `bold ${20 * dpr}px system-ui, "WenQuanYi Micro Hei", sans-serif`;
  g.fillText(title, 16 * dpr, 28 * dpr);
  g.fillStyle = "#5b6b7a";
  g.font = `${13 * dpr}px system-ui, "WenQuanYi Micro Hei", sans-serif`;
  g.fillText(dateLine, 16 * dpr, 50 * dpr);
  g.drawImage(source, 0, header);
  drawScaleBar(g, map, dpr, out.height);
  if (legend) drawLegend(g, legend, dpr, out.width, out.height);
  return new Promise((resolve, reject) => out.toBlob((b) => (b ? resolve(b) : reject(new Error("the map could not be drawn"))), "image/png"));
}

function drawScaleBar(g: CanvasRenderingContext2D, map: MapLibreMap, dpr: number, height: number): void {
  const lat = map.getCenter().lat;
  const metresPerPixel = (40_075_016.686 * Math.cos((lat * Math.PI) / 180)) / (512 * 2 ** map.getZoom());
  const nice = [10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10_000, 20_000].filter((m) => m / metresPerPixel <= 160).pop() ?? 10;
  const width = (nice / metresPerPixel) * dpr;
  const x = 16 * dpr;
  const y = height - 20 * dpr;
  g.fillStyle = "rgba(255,255,255,0.85)";
  g.fillRect(x - 6 * dpr, y - 22 * dpr, width + 12 * dpr, 30 * dpr);
  g.strokeStyle = "#17212b";
  g.lineWidth = 2 * dpr;
  g.beginPath();
  g.moveTo(x, y - 6 * dpr);
  g.lineTo(x, y);
  g.lineTo(x + width, y);
  g.lineTo(x + width, y - 6 * dpr);
  g.stroke();
  g.fillStyle = "#17212b";
  g.font = `${12 * dpr}px system-ui, sans-serif`;
  g.fillText(nice >= 1000 ? `${nice / 1000} km` : `${nice} m`, x, y - 9 * dpr);
}

function drawLegend(g: CanvasRenderingContext2D, legend: HTMLElement, dpr: number, width: number, height: number): void {
  const items = [...legend.querySelectorAll("li")].map((li) => {
    const mark = li.querySelector("svg *:not(title)") ?? li.querySelector("span");
    const colour = mark ? (mark.getAttribute("fill") ?? mark.getAttribute("stroke") ?? getComputedStyle(mark).backgroundColor) : "#999";
    return { label: li.textContent?.trim() ?? "", colour: colour && colour !== "none" ? colour : "#999" };
  });
  const heading = legend.querySelector("h2")?.textContent ?? "";
  const line = 18 * dpr;
  const boxW = 240 * dpr;
  const boxH = (items.length + 1) * line + 12 * dpr;
  const x = width - boxW - 12 * dpr;
  const y = height - boxH - 12 * dpr;
  g.fillStyle = "rgba(255,255,255,0.92)";
  g.fillRect(x, y, boxW, boxH);
  g.strokeStyle = "#d5dde5";
  g.strokeRect(x, y, boxW, boxH);
  g.fillStyle = "#17212b";
  g.font = `bold ${13 * dpr}px system-ui, "WenQuanYi Micro Hei", sans-serif`;
  g.fillText(heading, x + 8 * dpr, y + line);
  g.font = `${12 * dpr}px system-ui, "WenQuanYi Micro Hei", sans-serif`;
  items.forEach((item, i) => {
    const rowY = y + (i + 2) * line;
    g.fillStyle = item.colour;
    g.fillRect(x + 8 * dpr, rowY - 10 * dpr, 14 * dpr, 10 * dpr);
    g.fillStyle = "#17212b";
    g.fillText(item.label.slice(0, 34), x + 28 * dpr, rowY);
  });
}
