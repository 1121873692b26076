import type { Role } from "./policy";

// The session and token carry only the user id, role, session version and session id (see lib/auth/options.ts).
declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; sv: number; sid: string };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    sv?: number;
    /** The user_session row of this sign-in (lib/auth/user-sessions.ts). */
    sid?: string;
  }
}
