/**
 * The demo district, modelled on Lucheng District (鹿城区, 330302), Wenzhou.
 * Street codes, names and approximate centres are public facts; the boundary is a simplified,
 * hand-drawn outline of the right size (~290 km²), not surveyed data.
 */
export const DISTRICT = { code: "330302", nameZh: "鹿城区", nameEn: "Lucheng District" } as const;

export const DISTRICT_OUTLINE: [number, number][] = [
  [120.445, 28.165], [120.49, 28.17], [120.53, 28.15], [120.555, 28.115], [120.58, 28.085],
  [120.6, 28.06], [120.63, 28.04], [120.66, 28.036], [120.7, 28.032], [120.74, 28.025],
  [120.79, 28.02], [120.8, 28.005], [120.785, 27.985], [120.745, 27.99], [120.71, 27.975],
  [120.67, 27.968], [120.635, 27.975], [120.6, 27.99], [120.57, 28.005], [120.54, 28.03],
  [120.51, 28.045], [120.475, 28.06], [120.445, 28.09], [120.435, 28.13], [120.445, 28.165],
];

export interface StreetSeed {
  code: string;
  nameZh: string;
  nameEn: string;
  centre: [number, number];
  /** 1 = dense old town … 0 = rural town; drives cell size, buildings and events. */
  urban: number;
}

export const STREETS: StreetSeed[] = [
  { code: "330302006000", nameZh: "五马街道", nameEn: "Wuma Subdistrict", centre: [120.6607, 28.0229], urban: 1 },
  { code: "330302026000", nameZh: "松台街道", nameEn: "Songtai Subdistrict", centre: [120.6396, 28.0185], urban: 0.95 },
  { code: "330302025000", nameZh: "南汇街道", nameEn: "Nanhui Subdistrict", centre: [120.6882, 27.9927], urban: 0.8 },
  { code: "330302030000", nameZh: "蒲鞋市街道", nameEn: "Puxieshi Subdistrict", centre: [120.6811, 28.0079], urban: 0.95 },
  { code: "330302029000", nameZh: "大南街道", nameEn: "Danan Subdistrict", centre: [120.6592, 28.0057], urban: 1 },
  { code: "330302032000", nameZh: "广化街道", nameEn: "Guanghua Subdistrict", centre: [120.6251, 28.015], urban: 0.85 },
  { code: "330302024000", nameZh: "滨江街道", nameEn: "Binjiang Subdistrict", centre: [120.7094, 28.0142], urban: 0.8 },
  { code: "330302031000", nameZh: "南郊街道", nameEn: "Nanjiao Subdistrict", centre: [120.6518, 27.9876], urban: 0.75 },
  { code: "330302027000", nameZh: "双屿街道", nameEn: "Shuangyu Subdistrict", centre: [120.5985, 28.0179], urban: 0.6 },
  { code: "330302033000", nameZh: "丰门街道", nameEn: "Fengmen Subdistrict", centre: [120.5768, 28.0387], urban: 0.45 },
  { code: "330302028000", nameZh: "仰义街道", nameEn: "Yangyi Subdistrict", centre: [120.5611, 28.0652], urban: 0.3 },
  { code: "330302023000", nameZh: "七都街道", nameEn: "Qidu Subdistrict", centre: [120.7654, 28.0019], urban: 0.35 },
  { code: "330302102000", nameZh: "藤桥镇", nameEn: "Tengqiao Town", centre: [120.4906, 28.0832], urban: 0.15 },
  { code: "330302105000", nameZh: "山福镇", nameEn: "Shanfu Town", centre: [120.4581, 28.13], urban: 0.1 },
];

/** The old-town core (五马街 area) that urban density decays from. */
export const CITY_CENTRE: [number, number] = [120.6607, 28.0229];

/** Main roads (synthetic alignments with real road names, in Chinese as the road signs and a real
 * district's road data give them), used for the basemap and road zones. */
export const MAIN_ROADS: { name: string; roadClass: "arterial" | "secondary"; path: [number, number][] }[] = [
  { name: "人民路", roadClass: "arterial", path: [[120.605, 28.012], [120.632, 28.016], [120.66, 28.018], [120.69, 28.016], [120.72, 28.013]] },
  { name: "温州大道", roadClass: "arterial", path: [[120.58, 28.0], [120.62, 27.996], [120.66, 27.994], [120.7, 27.992], [120.75, 27.995]] },
  { name: "学院路", roadClass: "arterial", path: [[120.62, 28.005], [120.645, 28.004], [120.675, 28.002], [120.705, 28.0]] },
  { name: "解放路", roadClass: "secondary", path: [[120.6605, 28.031], [120.6608, 28.02], [120.6602, 28.008], [120.659, 27.995]] },
  { name: "府前街", roadClass: "secondary", path: [[120.648, 28.0245], [120.668, 28.0242], [120.68, 28.023]] },
  { name: "车站大道", roadClass: "arterial", path: [[120.672, 28.03], [120.674, 28.015], [120.676, 28.0], [120.677, 27.985]] },
  { name: "飞霞路", roadClass: "secondary", path: [[120.643, 28.03], [120.644, 28.015], [120.645, 28.0]] },
  { name: "104国道", roadClass: "arterial", path: [[120.47, 28.075], [120.52, 28.06], [120.56, 28.045], [120.59, 28.028], [120.61, 28.015]] },
];

export function districtWkt(): string {
  return `POLYGON((${DISTRICT_OUTLINE.map(([x, y]) => `${x} ${y}`).join(",")}))`;
}
