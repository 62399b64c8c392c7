// The home page's framework grid, as static markup: the same for every member with the same counts, so it is rendered
// once per forum version and counts (gridMarkup) and sent as HTML. Plain links: the page routes their clicks
// (client-navigation.ts).
import { formatDate } from "~/platform/time";

type Term = { key: string; name: string; description?: string | null };
export type GridCellView = { threadCount: number; latest: string | null; newCount: number };

/** Threads by lifecycle area and discipline: a table on a wide screen; on a phone it stacks by lifecycle area. */
export function FrameworkGrid({ areas, disciplines, cells }: { areas: Term[]; disciplines: Term[]; cells: Record<string, GridCellView> }) {
  // Each link names its area and discipline in its own text (visually hidden only where the column and row headers
  // already show them), so its accessible name contains what is seen.
  return (
    <div className="grid" role="table" aria-label="Threads by lifecycle area and discipline">
      <div role="row" className="grid-row grid-head-row">
        <div className="head corner" role="columnheader">Lifecycle area</div>
        {disciplines.map((d) => <div key={d.key} className="head discipline-head" role="columnheader">{d.name}</div>)}
      </div>
      {areas.map((area) => (
        <div key={area.key} role="row" className="grid-row">
          <div className="head area-head" role="rowheader" title={area.description ?? undefined}>{area.name}</div>
          {disciplines.map((d) => {
            const cell = cells[`${area.key}:${d.key}`];
            return (
              <div key={d.key} className="cell" role="cell">
                <a href={`/threads?area=${area.key}&discipline=${d.key}`}>
                  <span className="cell-name">{area.name} · {d.name} </span>
                  <span className="cell-count">{cell?.threadCount ?? 0} {cell?.threadCount === 1 ? "thread" : "threads"}</span>
                </a>
                <div className="meta">{cell?.latest ? `Latest ${formatDate(cell.latest)}` : "No threads yet"}</div>
                {cell?.newCount ? <div className="new">{cell.newCount} new for you</div> : null}
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
