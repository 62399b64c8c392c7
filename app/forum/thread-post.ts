/**
 * A post as a thread page shows it, the same for every reader who may see it: kept by thread-page-cache.server.ts,
 * rendered by app/components/post-list.tsx. Tombstones (deleted, removed) carry no words; hold reasons are parsed.
 */
export type SharedPost = {
  id: number; number: number; body_html: string; status: string; hold_reasons: { label: string; excerpt: string }[] | null;
  rejection_reason: string | null; created_at: string; edited_at: string | null; author_id: number;
  author_name: string; author_title: string; author_company: string;
};
