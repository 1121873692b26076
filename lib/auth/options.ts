import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { signOutSession } from "../accounts/sessions";
import { env } from "../env";
import { clientIpFrom } from "../http/client-ip";
import { isAppError } from "../errors";
import { logger } from "../logger";
import { authenticate } from "./authenticate";
import { linkOidcAccount, oidcAccountForSubject, oidcProvider } from "./oidc";
import { oidcRefusalParam } from "./oidc-claims";
import { liveSessionUser } from "./session-check";
import { revokeSession, startSession } from "./user-sessions";
import type { Role } from "./policy";

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * next-auth configuration. Sessions are JWTs in an httpOnly, SameSite=Lax cookie (Secure over HTTPS), holding
 * only the user id, role and session version; everything else is read from the database per request
 * (lib/auth/session.ts), so disabling an account or signing out everywhere takes effect at once.
 */
export function authOptions(): NextAuthOptions {
  const config = env();
  const oidc = oidcProvider(config);
  return {
    secret: config.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/login", error: "/login" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "OneWindow",
        credentials: { username: { type: "text" }, password: { type: "password" }, otp: { type: "text" } },
        async authorize(credentials, req) {
          try {
            const ip = clientIpFrom(
              new Headers(
                Object.entries(req?.headers ?? {}).filter(
                  (entry): entry is [string, string] => typeof entry[1] === "string",
                ),
              ),
            );
            const user = await authenticate({ input: credentials, ip });
            const sessionId = await startSession(user.id, ip === "unknown" ? null : ip, user.secondFactorAt);
            return { id: user.id, role: user.role, sessionVersion: user.sessionVersion, sessionId };
          } catch (error) {
            // The message travels to the sign-in form, which translates it; it never holds personal data.
            // Right password, the staff second factor's code still to come: the form asks for it and sends both again.
            if (isAppError(error) && error.code === "SECOND_FACTOR_REQUIRED") throw new Error("SECOND_FACTOR");
            if (isAppError(error) && error.code === "THROTTLED") {
              throw new Error(`THROTTLED:${error.messageKey}:${error.details.retryAfterSeconds ?? 60}`);
            }
            if (isAppError(error) && error.messageKey === "auth.invalidSecondFactor")
              throw new Error("SECOND_FACTOR_WRONG");
            if (isAppError(error)) return null;
            throw error;
          }
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    events: {
      // Signing out changes who holds a session: it leaves a trace like signing in does.
      // next-auth's own sign-out endpoint (the page chrome signs out through app/_actions/sign-out.ts): the same
      // ending, server-side and audited (lib/accounts/sessions.ts).
      async signOut({ token }) {
        if (!token?.sid) return;
        if (token.sub && token.role)
          await signOutSession({ sessionId: token.sid, userId: token.sub, role: token.role, ip: null });
        else await revokeSession(token.sid);
      },
    },
    callbacks: {
      // Sign-in through the unified identity provider: the account is found, linked or created here, the one step
      // that can still send the person back to /login with the reason when it refuses (lib/auth/oidc.ts). An
      // unexpected failure is logged and shown as a general one, never with its text in the address.
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        try {
          const outcome = await linkOidcAccount(profile ?? {}, config.OIDC_ACR_LEVELS);
          return outcome.ok ? true : `/login?error=${encodeURIComponent(oidcRefusalParam(outcome.reason))}`;
        } catch (error) {
          logger.error({ err: error }, "OpenID Connect sign-in failed");
          return "/login?error=OAuthCallback";
        }
      },
      async jwt({ token, user, account, profile }) {
        if (account?.provider === "oidc" && profile) {
          const linked = await oidcAccountForSubject(profile.sub);
          // Disabled between the signIn callback and here: next-auth answers /login?error=Callback.
          if (!linked) throw new Error("no active account for the OpenID Connect subject");
          // The unified identity provider is a staff second factor of its own (issue 15).
          return {
            ...token,
            sub: linked.id,
            role: linked.role,
            sv: linked.sessionVersion,
            sid: await startSession(linked.id, null, new Date(), { viaIdentityProvider: true }),
          };
        }
        if (user) {
          const signedIn = user as { id: string; role: Role; sessionVersion: number; sessionId: string };
          return {
            ...token,
            sub: signedIn.id,
            role: signedIn.role,
            sv: signedIn.sessionVersion,
            sid: signedIn.sessionId,
          };
        }
        return token;
      },
      // What /api/auth/session (and the browser's useSession) sees: nothing for a session that was signed out,
      // signed out everywhere, timed out or whose account was disabled; the same check as every server request.
      async session({ session, token }) {
        const live = await liveSessionUser(token);
        if (!live) return { expires: session.expires } as typeof session;
        return { ...session, user: { id: live.id, role: live.role, sv: live.sessionVersion, sid: token.sid ?? "" } };
      },
    },
  };
}
