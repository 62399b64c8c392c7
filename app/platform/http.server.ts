import { data } from "@remix-run/node";
import { DomainError, Invalid, Refused, type RefusalReason } from "./errors";
import { formValues, type FormFailure } from "./forms";

/**
 * Runs a domain call for an action. Validation problems come back as a 400 form failure (with
 * the typed values, so nothing is lost); other domain errors become the matching HTTP status for
 * the route's error boundary. Anything else is a real bug and propagates.
 */
export async function runAction<T>(formData: FormData, fn: () => Promise<T>): Promise<T | ReturnType<typeof failure>> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Invalid) {
      return failure(formData, error.message, error.fieldErrors, 400);
    }
    if (error instanceof Refused) {
      return failure(formData, error.message, error.fieldErrors, 403, error.reasons);
    }
    if (error instanceof DomainError && error.status === 429) {
      return failure(formData, error.message, {}, 429);
    }
    throw toResponse(error);
  }
}

export function failure(formData: FormData, formError: string, fieldErrors: Record<string, string> = {}, status = 400, reasons?: RefusalReason[]) {
  const body: FormFailure = { ok: false, formError, fieldErrors, values: formValues(formData), ...(reasons?.length ? { reasons } : {}) };
  return data(body, { status });
}

/** Maps a domain error to a Response an error boundary can show; leaves other errors alone. */
export function toResponse(error: unknown): unknown {
  if (error instanceof DomainError) {
    return data({ message: error.message }, { status: error.status });
  }
  return error;
}

/** For loaders: turns domain errors into thrown responses. */
export async function load<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toResponse(error);
  }
}
