import "./platform/zod-browser"; // first: before any zod schema is built in the browser
import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import {
  Form, Link, Links, Meta, Outlet, Scripts, ScrollRestoration,
  isRouteErrorResponse, useLoaderData, useLocation, useRouteError, useRouteLoaderData,
} from "@remix-run/react";
import { useEffect, useRef, type ReactNode } from "react";
import stylesHref from "./styles.css?url";
import { ROLE_LABELS, type Actor } from "./accounts/permissions";
import { mainNav } from "./accounts/navigation";
import { getDb } from "./platform/db.server";
import { getSession, sessionCookie } from "./accounts/session.server";
import { headerCounts } from "./forum/notifications.server";
import { isCurrentPage, useClientNavigation } from "./components/client-navigation";
import { markHydrated, REQUEST_ID_META, useNonce, useRequestId } from "./platform/request-context";

export const links: LinksFunction = () => [{ rel: "stylesheet", href: stylesHref }];
export const meta: MetaFunction = () => [{ title: "Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const session = await getSession(request);
  const headers = new Headers();
  if (session?.renewed) headers.append("Set-Cookie", sessionCookie(readToken(request), session.expiresAt));
  // The header's counts. The conversation being opened is read by its own loader, so it is left out of the messages count.
  const reading = Number(/^\/messages\/(\d+)/.exec(new URL(request.url).pathname)?.[1] ?? 0);
  const counts = session ? await headerCounts(getDb(), session.actor.id, { reading }) : { unreadNotifications: 0, unreadMessages: 0 };
  return data({ actor: session?.actor ?? null, ...counts }, { headers });
}

// The unread count in the header follows the member around their messages.
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentUrl, nextUrl, defaultShouldRevalidate }) =>
  defaultShouldRevalidate || currentUrl.pathname.startsWith("/messages") || nextUrl.pathname.startsWith("/messages");

function readToken(request: Request) {
  return /(?:^|;\s*)council_session=([^;]+)/.exec(request.headers.get("Cookie") ?? "")?.[1] ?? "";
}

export function useActor(): Actor | null {
  return useRouteLoaderData<typeof loader>("root")?.actor ?? null;
}

function Header({ actor, unreadNotifications = 0, unreadMessages = 0 }: { actor: Actor | null; unreadNotifications?: number; unreadMessages?: number }) {
  // On a phone the menu folds into a <details> (no JavaScript needed); on a wide screen the stylesheet
  // shows its content and hides the summary. After a client-side navigation the menu closes again.
  const menu = useRef<HTMLDetailsElement>(null);
  const location = useLocation();
  useEffect(() => { if (menu.current) menu.current.open = false; }, [location.key]);
  const waiting = unreadNotifications + unreadMessages;
  const navigate = useClientNavigation();
  // Plain links (see client-navigation.ts), marked as NavLink would mark them: class "active" and aria-current.
  const current = (to: string, end = false) => isCurrentPage(location.pathname, to, end) ? { className: "active", "aria-current": "page" as const } : {};
  return (
    <header className="site-header" onClick={navigate}>
      <a className="skip-link" href="#main">Skip to content</a>
      <div className="header-inner">
        <a href="/" className="brand">Council</a>
        {actor ? (
          <details className="site-menu" ref={menu}>
            <summary>Menu{waiting ? <span className="badge count">{waiting}<span className="visually-hidden"> unread</span></span> : null}</summary>
            <div className="menu-body">
              <nav aria-label="Main">
                <ul>
                  {mainNav(actor).map((item) => (
                    <li key={item.to}>
                      <a href={item.to} {...current(item.to, item.to === "/")}>
                        {item.label}
                        {item.to === "/messages" && unreadMessages > 0 ? <> <span className="badge">{unreadMessages} new</span></> : null}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
              <Form method="get" action="/search" role="search" className="header-search">
                <label htmlFor="header-q" className="visually-hidden">Search the council</label>
                <input id="header-q" type="search" name="q" placeholder="Search the council" />
              </Form>
              <div className="account">
                <a href="/notifications" {...current("/notifications")}>
                  Notifications{unreadNotifications ? <span className="badge count">{unreadNotifications}<span className="visually-hidden"> unread</span></span> : null}
                </a>
                <span className="who">
                  <strong>{actor.name}</strong>
                  <span className="roles" aria-label="Your roles">
                    {actor.roles.map((r) => <span key={r} className="badge">{ROLE_LABELS[r]}</span>)}
                  </span>
                </span>
                <a href="/settings/email">Email settings</a>
                <Form method="post" action="/logout">
                  <button type="submit" className="link-button">Sign out</button>
                </Form>
              </div>
            </div>
          </details>
        ) : (
          <div className="account">
            <a href="/apply">Request an invitation</a>
            <a href="/login" className="button">Sign in</a>
          </div>
        )}
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const rootData = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const requestId = useRequestId();
  const navigate = useClientNavigation();
  useEffect(markHydrated, []);
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        {requestId ? <meta name={REQUEST_ID_META} content={requestId} /> : null}
        <Meta />
        <Links />
      </head>
      <body>
        <Header actor={rootData?.actor ?? null} unreadNotifications={rootData?.unreadNotifications} unreadMessages={rootData?.unreadMessages} />
        <main id="main" tabIndex={-1}>{children}</main>
        <footer className="site-footer">
          {rootData?.actor ? (
            <nav aria-label="Council" onClick={navigate}>
              <a href="/search">Search</a> <a href="/moderation/log">Moderation log</a> <a href="/policy">Eligibility policy</a>
            </nav>
          ) : null}
          <p>Council — a private council for the executives who own social strategy. Exclusive in role, inclusive of competitors.</p>
        </footer>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  useLoaderData<typeof loader>();
  return <Outlet />;
}

/** Says what happened and what to do; never shows internals. */
export function ErrorBoundary() {
  const error = useRouteError();
  return <ErrorPage error={error} />;
}

export function ErrorPage({ error }: { error: unknown }) {
  const requestId = useRequestId();
  // A member can quote it; the server's log line for the request carries the same id (and the stack).
  const reference = requestId ? <p className="muted">Reference: <code>{requestId}</code></p> : null;
  if (isRouteErrorResponse(error)) {
    const message = typeof error.data === "object" && error.data && "message" in error.data ? String(error.data.message) : null;
    const copy: Record<number, [string, string]> = {
      400: ["That request could not be understood", "Please go back and try again."],
      403: ["You do not have access to this page", "This part of the council is reserved for other roles. If you think this is a mistake, ask a founder."],
      404: ["We could not find that page", "The link may be old, or the page may have been removed."],
      429: ["Please slow down", "You have done that too often in a short time. Wait a little and try again."],
    };
    const [title, advice] = copy[error.status] ?? ["Something went wrong", "Please try again in a moment."];
    return (
      <section className="error-page" aria-labelledby="error-title">
        <h1 id="error-title">{title}</h1>
        {message ? <p>{message}</p> : null}
        <p>{advice}</p>
        <p><Link to="/">Go to the council home</Link></p>
        <p className="muted">Error {error.status}</p>
        {reference}
      </section>
    );
  }
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">Something went wrong on our side</h1>
      <p>Nothing you did caused this. Please try again; if it keeps happening, tell a founder what you were doing{requestId ? " and quote the reference below" : ""}.</p>
      <p><Link to="/">Go to the council home</Link></p>
      {reference}
    </section>
  );
}
