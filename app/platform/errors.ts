// Typed domain errors. Domain functions throw these; routes map them to HTTP statuses in one place
// (app/platform/http.server.ts).
export class DomainError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}
export class NotFound extends DomainError {
  constructor(message = "We could not find that.") {
    super(message, 404);
  }
}
export class Forbidden extends DomainError {
  constructor(message = "You do not have permission to do that.") {
    super(message, 403);
  }
}
export class Conflict extends DomainError {
  constructor(message: string) {
    super(message, 409);
  }
}
export class Invalid extends DomainError {
  constructor(message: string, readonly fieldErrors: Record<string, string> = {}) {
    super(message, 400);
  }
}
export class TooManyRequests extends DomainError {
  constructor(message: string) {
    super(message, 429);
  }
}

/** Why a message was not delivered, shown to its author next to the text they keep. */
export type RefusalReason = { label: string; excerpt: string };

/**
 * A council rule refuses what the person asked for (403). Forms show the message again with what was
 * typed, plus the reasons when there are several (e.g. the pitch detector's signals).
 */
export class Refused extends DomainError {
  constructor(message: string, readonly fieldErrors: Record<string, string> = {}, readonly reasons: RefusalReason[] = []) {
    super(message, 403);
  }
}
