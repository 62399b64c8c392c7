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

const FORM_TYPES = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * The submitted form, for every action. A body that is not a form (JSON, plain text, no content type,
 * broken multipart) is a 400 with a plain message for the error boundary, never a 500.
 */
export async function readFormData(request: Request): Promise<FormData> {
  if (FORM_TYPES.test(request.headers.get("Content-Type") ?? "")) {
    try {
      return await request.formData();
    } catch {
      // Malformed or cut-off body: answered below.
    }
  }
  throw data({ message: "Council could not read that form. Please go back, reload the page and send it again." }, { status: 400 });
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
