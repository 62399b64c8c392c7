import type { ReactNode } from "react";
import { isRouteErrorResponse, useRouteError } from "@remix-run/react";

/** The error boundary of a page opened from an emailed link (reset, email change): what went wrong and where to go. */
export function UnusableLink({ children }: { children: ReactNode }) {
  const error = useRouteError();
  const message = isRouteErrorResponse(error) ? (error.data as { message?: string })?.message : undefined;
  return (
    <section className="narrow">
      <h1>This link cannot be used</h1>
      <p>{message ?? "Something went wrong. Please try again."}</p>
      <p>{children}</p>
    </section>
  );
}
