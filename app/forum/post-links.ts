// Where a post lives. Pages of a thread are fixed ranges of post numbers (1–30, 31–60, …), so a
// post's page never changes and links always land on the right page.
export const POSTS_PER_PAGE = 30;

/** The page of a thread that holds post number `n`. */
export const pageOfPost = (n: number) => Math.max(1, Math.ceil(n / POSTS_PER_PAGE));

/** The address of post `n` of a thread: its page and anchor (`extra` adds query parameters, "&a=b"). */
export const postPath = (threadId: number, n: number, extra = "") => `/threads/${threadId}?page=${pageOfPost(n)}${extra}#post-${n}`;
