import type { TopologyFinding } from "@/lib/imports/imports";
import type { Messages } from "@/lib/i18n/messages";

/** Gaps and overlaps an import found: kind, area, a point inside, the parent area and the cells around. */
export function TopologyTable({ findings, t }: { findings: TopologyFinding[]; t: Messages["imports"] }) {
  return (
    <table className="admin-table">
      <thead>
        <tr>
          <th>
            {t.topologyKinds.gap} / {t.topologyKinds.overlap}
          </th>
          <th>{t.area}</th>
          <th>{t.place}</th>
          <th>{t.parent}</th>
          <th>{t.cellsAround}</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f, i) => (
          <tr key={i} data-testid={`topology-${f.kind}`}>
            <td>{t.topologyKinds[f.kind]}</td>
            <td>{f.area_m2.toLocaleString()}</td>
            <td>
              {f.at[0].toFixed(6)}, {f.at[1].toFixed(6)}
            </td>
            <td>{f.parent}</td>
            <td>{f.cells.join("、")}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
