// Pre-rendered HTML (a post body) that reaches the browser once: in the document, not also in the hydration data.
// On the server it comes from the loader (`html`) or from the request's markup (markupOnce in a loader); while the
// browser hydrates it is read back from the element the server wrote; after a client-side navigation the loader
// sends it as data (`html`).
import { useContext, useState } from "react";
import { RequestContext } from "~/platform/request-context";

export function ServerMarkup({ id, html, className, as: Element = "div" }: { id: string; html: string | null; className?: string; as?: "div" | "ul" }) {
  const fromServer = useContext(RequestContext).markup?.get(id);
  const [hydrated] = useState(() => html ?? fromServer ?? (typeof document === "undefined" ? "" : document.getElementById(id)?.innerHTML ?? ""));
  return <Element id={id} className={className} dangerouslySetInnerHTML={{ __html: html ?? hydrated }} />;
}
