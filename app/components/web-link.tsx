import { isWebUrl } from "~/platform/web-url";

/** A link to an outside web address; anything that is not http(s) is shown as plain text, never as a link. */
export function WebLink({ href, nofollow = false }: { href: string; nofollow?: boolean }) {
  if (!isWebUrl(href)) return <>{href}</>;
  return <a href={href} rel={`noopener noreferrer${nofollow ? " nofollow" : ""}`} target={nofollow ? "_blank" : undefined}>{href}</a>;
}
