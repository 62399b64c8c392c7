import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { Field, FormError } from "~/components/field";
import { securityActionSchema } from "~/accounts/schemas/two-factor";
import { getSession, requirePermission } from "~/accounts/session.server";
import { endOtherSessions, endSession, listSessions } from "~/accounts/sessions-list.server";
import { confirmTwoFactorEnrolment, disableTwoFactor, getTwoFactorStatus, startTwoFactorEnrolment } from "~/accounts/two-factor.server";
import { getDb } from "~/platform/db.server";
import { failureOf, parseForm } from "~/platform/forms";
import { runAction, readFormData } from "~/platform/http.server";
import { formatDate, formatDateTime } from "~/platform/time";

export const meta: MetaFunction = () => [{ title: "Sign-in and security · Council" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "manage_own_account");
  const current = (await getSession(request))!.sessionId;
  return { twoFactor: await getTwoFactorStatus(getDb(), actor), sessions: await listSessions(getDb(), actor, current) };
}

export async function action({ request }: ActionFunctionArgs) {
  const actor = await requirePermission(request, "manage_own_account");
  const formData = await readFormData(request);
  const parsed = parseForm(securityActionSchema, formData);
  if (!parsed.ok) return data(parsed, { status: 400 });
  const input = parsed.data;
  return runAction(formData, async () => {
    const db = getDb();
    if (input.intent === "start") await startTwoFactorEnrolment(db, actor);
    if (input.intent === "confirm") return { ok: true as const, recoveryCodes: await confirmTwoFactorEnrolment(db, actor, input.code) };
    if (input.intent === "disable") await disableTwoFactor(db, actor, input.code);
    const current = (await getSession(request))!.sessionId;
    if (input.intent === "end_session") await endSession(db, actor, input.sessionId, current);
    const ended = input.intent === "end_others" ? await endOtherSessions(db, actor, current) : input.intent === "end_session" ? 1 : null;
    return { ok: true as const, recoveryCodes: null, ended };
  });
}

export default function Security() {
  const { twoFactor: tf, sessions } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = failureOf(result);
  const codes = result && "ok" in result && result.ok ? result.recoveryCodes : null;
  const ended = result && "ok" in result && result.ok && "ended" in result ? result.ended : null;
  const [params] = useSearchParams();
  return (
    <section className="narrow">
      <p><Link to="/settings">← All account settings</Link></p>
      <h1>Sign-in and security</h1>
      {params.get("required") === "two-factor" && !tf.enabledAt ? (
        <p className="warning" role="alert">Founders, moderators and chapter presidents sign in with a second factor. Set it up here to open your staff pages; your member pages keep working meanwhile.</p>
      ) : null}
      <FormError message={failure?.formError} />

      <section aria-labelledby="two-factor">
        <h2 id="two-factor">Two-factor sign-in</h2>
        {codes ? (
          <div className="notice" role="status">
            <p><strong>Two-factor sign-in is on.</strong> Keep these recovery codes somewhere safe, away from your phone. Each works once if you lose the phone; they are not shown again.</p>
            <ul className="recovery-codes" aria-label="Recovery codes">{codes.map((c) => <li key={c}><code>{c}</code></li>)}</ul>
          </div>
        ) : null}
        {tf.enabledAt ? (
          <>
            <p>On since {formatDate(tf.enabledAt)}. After your password, Council asks for a code from your authenticator app. {tf.recoveryCodesLeft} recovery codes left.</p>
            {tf.required ? <p className="muted">Your role requires it, so it stays on. If you lose your phone and codes, another founder can reset it.</p> : (
              <Form method="post" className="card" noValidate>
                <input type="hidden" name="intent" value="disable" />
                <Field name="code" label="Current code, to turn two-factor off" autoComplete="one-time-code" error={failure?.values.intent === "disable" ? failure.fieldErrors.code : undefined} />
                <button type="submit" className="secondary">Turn off two-factor sign-in</button>
              </Form>
            )}
          </>
        ) : tf.pending ? (
          <div className="card">
            <p>1. Scan this QR code with an authenticator app (for example 1Password, Google Authenticator or Microsoft Authenticator).</p>
            <div className="qr" role="img" aria-label="QR code for your authenticator app" dangerouslySetInnerHTML={{ __html: tf.pending.qrSvg }} />
            <p>Or type this secret into the app: <code data-testid="totp-secret">{tf.pending.secret}</code></p>
            <p>2. Type the 6-digit code the app shows.</p>
            <Form method="post" noValidate>
              <input type="hidden" name="intent" value="confirm" />
              <Field name="code" label="Code from the app" autoComplete="one-time-code" inputMode="numeric" required error={failure?.values.intent === "confirm" ? failure.fieldErrors.code : undefined} />
              <button type="submit">Turn on two-factor sign-in</button>
            </Form>
          </div>
        ) : (
          <>
            <p>{tf.required ? "Required for your role." : "Optional for members, and recommended."} After your password, Council will ask for a code from an app on your phone.</p>
            <Form method="post"><input type="hidden" name="intent" value="start" /><button type="submit">Set up two-factor sign-in</button></Form>
          </>
        )}
      </section>

      <section aria-labelledby="sessions">
        <h2 id="sessions">Where you are signed in</h2>
        {ended !== null ? <p className="notice" role="status">{ended === 1 ? "1 session was" : `${ended} sessions were`} signed out.</p> : null}
        <div className="table-wrap">
          <table>
            <thead><tr><th>Browser</th><th>Approximate place</th><th>Signed in</th><th>Last used</th><th></th></tr></thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td>{s.device}{s.current ? <> <span className="status approved">This browser</span></> : null}</td>
                  <td>{s.place}</td>
                  <td>{formatDateTime(s.createdAt)}</td>
                  <td>{formatDateTime(s.lastUsedAt)}</td>
                  <td>{s.current ? null : (
                    <Form method="post">
                      <input type="hidden" name="intent" value="end_session" />
                      <input type="hidden" name="sessionId" value={s.id} />
                      <button type="submit" className="secondary" aria-label={`Sign out ${s.device}, last used ${formatDateTime(s.lastUsedAt)}`}>Sign out</button>
                    </Form>
                  )}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {sessions.length > 1 ? (
          <Form method="post"><input type="hidden" name="intent" value="end_others" /><button type="submit" className="secondary">Sign out everywhere else</button></Form>
        ) : <p className="muted">You are signed in only here.</p>}
      </section>
    </section>
  );
}
