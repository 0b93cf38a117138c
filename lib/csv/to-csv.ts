/**
 * CSV text from rows, RFC 4180 quoting, with spreadsheet-formula neutralisation: a cell that
 * starts with =, +, -, @ (or tab / carriage return) is prefixed with ' so Excel and WPS show it
 * as text instead of running it (OWASP "CSV injection"). Numbers are written as numbers.
 */
export function toCsv(header: string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  const cell = (value: string | number | boolean | null | undefined): string => {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
    let text = String(value);
    if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
    return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  // A byte-order mark so spreadsheet programs read the Chinese names as UTF-8.
  return "\uFEFF" + [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
