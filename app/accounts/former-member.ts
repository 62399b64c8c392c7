// A person who resigned keeps their row, so what they wrote keeps an author; this is the name shown
// wherever theirs was (thread pages, search, digest, messages, the moderation log).
export const FORMER_MEMBER_NAME = "Former member";
