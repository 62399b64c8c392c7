import type { MetaFunction } from "@remix-run/node";
import { Link, useSearchParams } from "@remix-run/react";

export const meta: MetaFunction = () => [{ title: "Your new address · Council" }];

/** Where a confirmed email change lands (/email-change/<token> redirects here once the link is used up). */
export default function EmailChangeDone() {
  const [params] = useSearchParams();
  const review = params.get("outcome") === "review";
  return (
    <section className="narrow">
      <h1>{review ? "Confirmed: a reviewer checks it next" : "Your address is changed"}</h1>
      <p role="status" className="notice">
        {review
          ? "Your new address is a free webmail address, so a reviewer checks it before it replaces your current one, as for an application. We will email you."
          : "Your Council account now uses your new address. Sign in with it from now on."}
      </p>
      <p><Link to="/">Go to Council</Link></p>
    </section>
  );
}
