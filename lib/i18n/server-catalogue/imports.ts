import type { CatalogueEntries } from "./entry";

/**
 * Imports: the upload, the file, each row's reason and the report's notes. Row reasons are stored
 * in English with the rows and put in the reader's language when the report is read.
 */
export const IMPORT_MESSAGES = {
  "import.not_multipart": {
    en: "send the file as multipart/form-data with fields file, layer and crs",
    zh: "请以 multipart/form-data 上传文件（字段 file、layer、crs）",
  },
  "import.upload_too_large": { en: "the upload is larger than {mb} MB", zh: "上传的内容超过 {mb} MB" },
  "import.file_too_large": { en: "the file is larger than {mb} MB", zh: "文件超过 {mb} MB" },
  "import.multipart_unreadable": { en: "the multipart body cannot be read", zh: "无法读取上传的内容" },
  "import.no_file": { en: "file: attach the file to import", zh: "请选择要导入的文件" },
  "import.mapping": { en: 'mapping: give a JSON object, e.g. {"name": "名称"}', zh: '字段对应应为一个 JSON 对象，例如 {"name": "名称"}' },
  "import.role_layer": { en: "your role may not import this layer", zh: "您的角色不能导入这个图层" },
  "import.not_found": { en: "no import {id}", zh: "找不到导入任务 {id}" },
  "import.not_ready": {
    en: 'this import is {status}; only a parsed ("ready") import can be committed',
    zh: "这个导入任务现在是{status}：只有检查完成、等待提交的导入才能提交",
  },
  "import.nothing_accepted": { en: "no row was accepted: nothing to commit", zh: "没有一行通过检查：没有可以提交的内容" },
  "import.status_now": { en: "this import is {status} now", zh: "这个导入任务现在已是{status}" },
  "import.not_written": { en: "the import was not written (nothing changed): {detail}", zh: "导入没有写入（什么都没有改动）：{detail}" },
  "import.committed": { en: "this import is committed; it cannot be discarded", zh: "这个导入已经提交，不能放弃" },

  // The file as a whole.
  "file.too_many_rows": { en: "more than {n} rows; split the file", zh: "超过 {n} 行：请把文件拆开导入" },
  "file.too_many_records": { en: "more than {n} records; split the file", zh: "超过 {n} 条记录：请把文件拆开导入" },
  "file.too_slow": { en: "checking took longer than {seconds} s", zh: "检查用时超过 {seconds} 秒" },
  "file.unprocessable": { en: "the file could not be processed ({detail})", zh: "无法处理这个文件（{detail}）" },
  "file.unknown_type": {
    en: "unknown file type: use .geojson/.json, .csv, .kml or a zipped Shapefile (.zip)",
    zh: "不认识的文件类型：请用 .geojson/.json、.csv、.kml 或压缩成 .zip 的 Shapefile",
  },
  "csv.unreadable": { en: "the CSV cannot be read: {detail}", zh: "无法读取这个 CSV：{detail}" },
  "csv.no_geometry": {
    en: "no geometry columns: name them lon/lat (经度/纬度) or wkt, or map them; columns are {columns}",
    zh: "没有坐标列：请把列命名为 经度/纬度（lon/lat）或 wkt，或在“字段对应”中指定；文件中的列为 {columns}",
  },
  "csv.not_wkt": { en: "column {column}: not WKT", zh: "{column} 列：不是 WKT 图形" },
  "csv.not_numbers": { en: "columns {lon}/{lat}: not numbers", zh: "{lon}/{lat} 列：不是数字" },
  "geojson.invalid": { en: "not valid JSON: {detail}", zh: "不是有效的 JSON：{detail}" },
  "geojson.shape": {
    en: "expected a GeoJSON FeatureCollection, an array of Features or a Feature",
    zh: "应为 GeoJSON 的 FeatureCollection、Feature 数组或单个 Feature",
  },
  "geojson.crs_unsupported": {
    en: 'GeoJSON "crs" {name} is not supported: export longitude/latitude on WGS 84 or CGCS2000 (EPSG:4326 or 4490; e.g. ogr2ogr -t_srs EPSG:4326), or send a zipped Shapefile with its .prj',
    zh: "不支持 GeoJSON 的坐标系 {name}：请导出为 WGS 84 或 CGCS2000 经纬度（EPSG:4326 或 4490，例如 ogr2ogr -t_srs EPSG:4326），或上传带 .prj 的 Shapefile 压缩包",
  },
  "geojson.crs_read": { en: '"crs" {name}: read as longitude/latitude on WGS 84', zh: "坐标系 {name}：按 WGS 84 经纬度读取" },
  "geojson.not_feature": { en: "not a GeoJSON Feature", zh: "不是 GeoJSON 的 Feature" },
  "kml.invalid": { en: "the KML is not well-formed XML: {detail}", zh: "这个 KML 不是格式正确的 XML：{detail}" },
  "shp.no_shp": { en: "the zip holds no .shp file", zh: "压缩包里没有 .shp 文件" },
  "shp.no_shx": { en: "{base}.shx is missing: a Shapefile needs .shp, .shx and .dbf", zh: "缺少 {base}.shx：Shapefile 需要 .shp、.shx 和 .dbf 三个文件" },
  "shp.no_dbf": { en: "{base}.dbf is missing: a Shapefile needs .shp, .shx and .dbf", zh: "缺少 {base}.dbf：Shapefile 需要 .shp、.shx 和 .dbf 三个文件" },
  "shp.counts": {
    en: "record counts differ: {shapes} shapes (.shx) but {rows} attribute rows (.dbf)",
    zh: "记录数不一致：{shapes} 个图形（.shx），但有 {rows} 行属性（.dbf）",
  },
  "import.demo_mix": {
    en: "this database still holds the generated demo district: what you import will mix with it (remove the demo on /setup first)",
    zh: "数据库中仍有自动生成的演示辖区：导入的数据会与之混在一起（请先在“区情设置”中删除演示数据）",
  },
  "shp.encoding_cpg": { en: "attributes read as {encoding} (from .cpg)", zh: "属性按 {encoding} 编码读取（依据 .cpg）" },
  "shp.encoding": { en: "attributes read as {encoding}", zh: "属性按 {encoding} 编码读取" },
  "shp.no_prj": {
    en: "no .prj: coordinates taken as longitude/latitude in the chosen system",
    zh: "没有 .prj：坐标按所选坐标系的经纬度读取",
  },
  "shp.prj_geographic": { en: ".prj: {system} longitude/latitude", zh: ".prj：{system} 经纬度" },
  "shp.prj_reprojected": { en: ".prj: reprojected from {projection} to longitude/latitude", zh: ".prj：已从 {projection} 转换为经纬度" },
  "shp.prj_unreadable": { en: "the .prj cannot be understood: {detail}", zh: "无法识别 .prj 中的坐标系：{detail}" },
  "zip.entries": { en: "the zip has more than {n} entries", zh: "压缩包中的文件超过 {n} 个" },
  "zip.outside": { en: 'the zip entry "{name}" points outside the archive', zh: "压缩包中的“{name}”指向包外，已拒绝" },
  "zip.too_big": { en: "the zip unpacks to more than {mb} MB", zh: "压缩包解压后超过 {mb} MB" },
  "zip.bomb": { en: '"{name}" is compressed {ratio}:1, which looks like a zip bomb', zh: "“{name}”的压缩比为 {ratio}:1，疑似压缩炸弹，已拒绝" },
  "zip.nested": { en: 'nested archives are not accepted ("{name}")', zh: "不接受压缩包里再套压缩包（“{name}”）" },
  "import.one_of": { en: "{field} is one of {list}", zh: "{field}只能是：{list}" },
  "import.mode": { en: "mode is add or replace", zh: "导入方式只能是“追加”或“替换”" },
  "zip.unreadable": { en: "not a readable zip: {detail}", zh: "无法读取的压缩包：{detail}" },

  // One row.
  "row.no_geometry": { en: "no geometry", zh: "没有图形" },
  "row.wrong_geometry": { en: "a {type} where a {needed} is needed", zh: "图形是{type}，这里需要{needed}" },
  "row.bad_coordinates": { en: "empty or non-numeric coordinates", zh: "坐标为空或不是数字" },
  "row.swapped": {
    en: "latitude {lat} is out of range: longitude and latitude look swapped",
    zh: "纬度 {lat} 超出范围：经度和纬度似乎填反了",
  },
  "row.projected": {
    en: "[{x}, {y}] is not longitude/latitude: is the file projected? (a Shapefile needs its .prj)",
    zh: "[{x}, {y}] 不是经纬度：文件是投影坐标吗？（Shapefile 需要带上 .prj）",
  },
  "row.problem": { en: "row: {detail}", zh: "{detail}" },
  "row.duplicate_code": { en: "duplicate code {code} (first at row {row})", zh: "编码 {code} 重复（第一次出现在第 {row} 行）" },
  "row.invalid_geometry": { en: "invalid geometry: {reason}", zh: "图形无效：{reason}" },
  "row.outside_boundary": { en: "outside the district boundary", zh: "在辖区边界之外" },
  "row.outside_district": { en: "outside the district", zh: "在辖区之外" },
  "row.no_district_yet": {
    en: "the district has no boundary or streets yet: import the district boundary or its streets first (/setup)",
    zh: "辖区还没有边界或街道：请先在“辖区设置”中导入辖区边界或街道",
  },
  "row.other_district": { en: "code {code} belongs to another district (this one is {district})", zh: "编码 {code} 属于其他区县（本区为 {district}）" },
  "row.boundary_needs_code": { en: "code: a district boundary needs its district's 6-digit code", zh: "区划代码：区界须填写所属区县的 6 位代码" },
  "row.outside_your_district": { en: "outside your district", zh: "不在您的区县内" },
  "row.no_such_district": { en: "code {code} belongs to none of the districts here ({districts})", zh: "编码 {code} 不属于本系统的任何区县（{districts}）" },
  "row.outside_street": { en: "outside your street", zh: "不在您的街道内" },
  "row.no_parent": { en: "{noun} {code} does not exist: import {layer} first", zh: "{noun} {code} 不存在：请先导入{layer}" },
  "row.outside_parent": { en: "{percent} % ({m2} m²) lies outside {noun} {code}", zh: "有 {percent}%（{m2} 平方米）在{noun} {code} 之外" },
  "row.rented_over_units": { en: "rented_units is more than units", zh: "已出租套数多于总套数" },
  "row.category_other": {
    en: 'category "{category}" is not one of {list}: imported as other, keeping "{category}"',
    zh: "类别“{category}”不在 {list} 之中：按“其他”导入，并保留原类别“{category}”",
  },
  "row.cell_code_street": {
    en: "code {code} does not begin with its street's first 9 digits ({street})",
    zh: "网格编码 {code} 的前 9 位与所属街道（{street}）不一致",
  },
  "row.cell_code_community": {
    en: "code {code} does not begin with its community's code ({community})",
    zh: "网格编码 {code} 的开头与所属社区编码（{community}）不一致",
  },
  "row.field": { en: "{field}: {detail}", zh: "{field}：{detail}" },
} as const satisfies CatalogueEntries;
