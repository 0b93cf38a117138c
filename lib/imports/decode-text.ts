/** Text from bytes: UTF-8 when it is valid UTF-8 (BOM dropped), else GB18030 (a superset of GBK and GB2312). */
export function decodeText(bytes: Uint8Array, declared?: string | null): string {
  if (declared) return new TextDecoder(encodingLabel(declared)).decode(bytes);
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder("gb18030").decode(bytes);
  }
}

/** A Shapefile .cpg or user-given name → a TextDecoder label (936 is Windows' GBK code page). */
export function encodingLabel(name: string): string {
  const n = name.trim().toLowerCase();
  if (/^(936|cp936|gbk|gb2312|gb18030|ansi 936)$/.test(n)) return "gb18030";
  if (/^(65001|utf-?8)$/.test(n)) return "utf-8";
  try {
    new TextDecoder(n);
    return n;
  } catch {
    return "utf-8";
  }
}
