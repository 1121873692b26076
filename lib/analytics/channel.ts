import type { UsageChannel } from "./usage";

/**
 * The channel an actor came through: an actor made from an access token (lib/api/tokens.ts, BearerActor) is the
 * REST API; every other actor is a web session.
 */
export function channelOf(actor: object): UsageChannel {
  return "tokenFamilyId" in actor ? "API" : "WEB";
}
