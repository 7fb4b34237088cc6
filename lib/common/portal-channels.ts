/**
 * The prefix of the channels the portal itself uses on the broker (the Socket.IO adapter's, between instances): the
 * live tail and traffic counts leave them out, as they are not the system's traffic. Reserved: do not publish on it.
 */
export const PORTAL_CHANNEL_PREFIX = 'event-portal:';

/** Whether `channel` is one of the portal's own (PORTAL_CHANNEL_PREFIX). */
export function isPortalChannel(channel: string): boolean {
  return channel.startsWith(PORTAL_CHANNEL_PREFIX);
}
