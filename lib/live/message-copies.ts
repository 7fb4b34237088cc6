/**
 * Redis sends one `pmessage` per PSUBSCRIBE pattern that matches a published channel, and sends the copies
 * of one PUBLISH back to back (it runs the command atomically and writes every reply to this connection in
 * turn). This folds those copies into one: `resolve` computes the facts of a message at its first copy and
 * hands the same facts to the next `copiesOf(channel) - 1` copies with the same channel and payload, so
 * each message is checked and counted once however many patterns it arrives under.
 * @example const copies = new MessageCopies(countMatchingPatterns, (channel, payload) => check(channel, payload));
 */
export class MessageCopies<T> {
  private channel = '';
  private payload: Buffer | null = null;
  private left = 0;
  private facts: T | undefined;

  constructor(
    private readonly copiesOf: (channel: string) => number,
    private readonly compute: (channel: string, payload: Buffer) => T,
  ) {}

  resolve(channel: string, payload: Buffer): T {
    if (this.left > 0 && channel === this.channel && this.payload?.equals(payload)) {
      this.left -= 1;
      return this.facts as T;
    }
    const facts = this.compute(channel, payload);
    const copies = this.copiesOf(channel);
    this.left = copies - 1;
    this.channel = channel;
    this.payload = copies > 1 ? payload : null;
    this.facts = copies > 1 ? facts : undefined;
    return facts;
  }
}
