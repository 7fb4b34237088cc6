/** Credentials withdrawn: one API token, one session (signed out, or ended by a password change), or everything of one user (deactivated). */
export type Revocation = { tokenId: string } | { sessionId: string } | { userId: string };

export type RevocationListener = (revocation: Revocation) => void;

/**
 * The signal that ends what a withdrawn credential holds open (live sockets): token revocation and user
 * deactivation publish on it, the Socket.IO handshake guard listens. One process's emitter today; a Redis-backed
 * one with the same interface carries it to every instance.
 */
export interface Revocations {
  publish(revocation: Revocation): void;
  /** Calls `listener` for each revocation published from now on; returns the function that stops it. */
  subscribe(listener: RevocationListener): () => void;
}

/**
 * Revocations within this process; a listener that throws does not keep the others from hearing.
 * @example const revocations = createRevocations(); revocations.publish({ tokenId });
 */
export function createRevocations(onListenerError: (error: unknown) => void = () => {}): Revocations {
  const listeners = new Set<RevocationListener>();
  return {
    publish(revocation) {
      for (const listener of [...listeners]) {
        try {
          listener(revocation);
        } catch (error) {
          onListenerError(error);
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
