import { Link } from "@remix-run/react";

/**
 * Previous / next links for a list that knows only its page and whether another follows. Each link
 * keeps the list's other query values (filters) and sets `page`; empty values are left out.
 */
export function Pager({ path, query, page, hasNext, label }: {
  path: string;
  query: Record<string, string | number | undefined | null>;
  page: number;
  hasNext: boolean;
  label: string;
}) {
  if (page <= 1 && !hasNext) return null;
  const href = (p: number) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...query, page: p })) if (v) params.set(k, String(v));
    return `${path}?${params}`;
  };
  return (
    <nav className="pagination" aria-label={label}>
      {page > 1 ? <Link to={href(page - 1)} rel="prev">← Previous</Link> : null}
      <span>Page {page}</span>
      {hasNext ? <Link to={href(page + 1)} rel="next">Next →</Link> : null}
    </nav>
  );
}
