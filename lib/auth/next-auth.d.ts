import type { Role } from "./policy";

// The session and token carry only the user id, role and session version (see lib/auth/options.ts).
declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; sv: number };
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
    sv?: number;
  }
}
