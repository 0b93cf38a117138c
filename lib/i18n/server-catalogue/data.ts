import type { CatalogueEntries } from "./entry";

/** The register, layers, analyses, targets and the OGC API. */
export const DATA_MESSAGES = {
  "cell.not_found": { en: "no grid cell {code}", zh: "找不到网格 {code}（或不在您的街道）" },
  "cell.worker_unknown": {
    en: "responsible_user_id: no active street-office or grid-worker account of this cell's street has that id",
    zh: "网格负责人：该网格所在街道没有这个在用的街道工作人员或网格员账号",
  },
  "event.not_found": { en: "no event {id}", zh: "找不到事件 {id}" },
  "event.outside_street": {
    en: "this place is outside your street; a street office records events in its own street only",
    zh: "这个位置不在您的街道内：街镇只能记录本街道的事件",
  },
  "h3.filling": {
    en: "the H3 cells of {n} new events are still being stored in the background (a few hundred thousand a minute): try the hexagon view again in a few minutes; grid cells, communities and streets work now",
    zh: "后台正在为 {n} 条新事件计算六边形编号（每分钟约几十万条）：请几分钟后再看六边形；网格、社区和街道现在即可分析",
  },
  "event.future": { en: "an event cannot happen in the future", zh: "事件的发生时间不能晚于现在" },
  "layer.not_found": { en: 'no layer "{layer}"', zh: "没有图层“{layer}”" },
  "layer.unknown_list": { en: 'no layer "{layer}"; layers: {list}', zh: "没有图层“{layer}”；可选：{list}" },
  "tiles.unknown_layer": { en: 'unknown layer "{layer}"; layers: {list}', zh: "不认识的图层“{layer}”；可选：{list}" },
  "tiles.unknown_layer_json": {
    en: 'unknown layer "{layer}"; use /api/tiles/<layer>.json with one of {list}',
    zh: "不认识的图层“{layer}”：请用 /api/tiles/<图层>.json，图层可选 {list}",
  },
  "boundary.unknown_level": { en: "unknown boundary level; use one of {list}", zh: "不认识的边界层级；可选：{list}" },
  "basemap.none": { en: "no offline basemap: set BASEMAP_PMTILES to a .pmtiles file", zh: "没有离线底图：请把 BASEMAP_PMTILES 设为一个 .pmtiles 文件" },
  "basemap.unreadable": {
    en: "the offline basemap cannot be read: BASEMAP_PMTILES must name a non-empty .pmtiles file",
    zh: "无法读取离线底图：BASEMAP_PMTILES 应指向一个非空的 .pmtiles 文件",
  },
  "basemap.range": { en: "the range {range} is outside the archive ({size} bytes)", zh: "请求的范围 {range} 超出了底图文件（{size} 字节）" },
  "export.too_many": { en: "more than {max} features: narrow the export with bbox or filters", zh: "超过 {max} 个要素：请用范围或筛选条件缩小导出" },
  "coverage.no_h3": {
    en: "unit: coverage is measured on grid-cells, communities or streets, not h3",
    zh: "覆盖率按网格、社区或街道统计，不按 H3 六边形统计",
  },
  "hotspots.too_few_units": {
    en: "hot spot analysis needs at least 3 units; {unit} in this scope gives {n}",
    zh: "热点分析至少需要 3 个统计单元；当前范围内只有 {n} 个",
  },
  "emerging.too_few_units": { en: "emerging hot spot analysis needs at least 3 units, got {n}", zh: "新兴热点分析至少需要 3 个统计单元，当前只有 {n} 个" },
  "emerging.too_few_steps": {
    en: "the window has {n} {step}s; emerging hot spots need at least 4 time steps",
    zh: "所选时段只有 {n} 个时间步：新兴热点分析至少需要 4 个，请把时段放长",
  },
  "target.source_required": {
    en: "name the document the target comes from (source_title), or mark it as the district's own choice (own_choice: true)",
    zh: "请填写考核目标出自的文件，或注明为本区自定的目标",
  },
  "ogc.unknown_param": { en: 'unknown parameter "{key}"; filterable properties: {list}', zh: "不认识的参数“{key}”；可筛选的属性：{list}" },
  "ogc.no_time": { en: 'collection "{id}" has no time; datetime does not apply', zh: "数据集“{id}”没有时间字段，不能按 datetime 筛选" },
  "ogc.no_feature": { en: 'no feature "{fid}" in {collection}', zh: "数据集 {collection} 中没有要素“{fid}”" },
  "ogc.no_collection_list": { en: 'no collection "{id}"; collections: {list}', zh: "没有数据集“{id}”；可选：{list}" },
  "ogc.no_collection": { en: 'no collection "{id}"', zh: "没有数据集“{id}”" },
  "ogc.bbox": { en: "bbox is minLon,minLat,maxLon,maxLat", zh: "范围（bbox）应为 最小经度,最小纬度,最大经度,最大纬度" },
  "ogc.bbox_order": { en: "bbox must have min ≤ max", zh: "范围（bbox）的最小值不能大于最大值" },
  "ogc.datetime": { en: "datetime is an RFC 3339 instant or interval (a/b, ../b, a/..)", zh: "datetime 应为 RFC 3339 时刻或时段（a/b、../b、a/..）" },
} as const satisfies CatalogueEntries;
