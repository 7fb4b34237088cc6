/** Whether one position of a segment accepts a character. */
type Accepts = (position: number, char: string) => boolean;

/** Characters of other scripts whose masks are remembered per segment; past it the memory starts again. */
const REMEMBERED_MASKS = 1_024;

/**
 * Finds where a run of single-character positions (`a?[bc]d`, as a glob has between two stars) first matches
 * a text, by shift-and (bitap): one pass over the text, a few word operations a character (one per 32
 * positions), whatever the text and the run hold, instead of trying the run at every place.
 * @example new BitapSearch(3, (i, c) => 'a?c'[i] === '?' || 'a?c'[i] === c).find('xxabcx', 0, 6) // 2
 */
export class BitapSearch {
  private readonly words: number;
  /** Masks of the ASCII characters, `words` apiece: bit j says position j accepts the character. */
  private readonly ascii: Uint32Array;
  private readonly other = new Map<string, Uint32Array>();
  private readonly state: Uint32Array;

  constructor(
    private readonly length: number,
    private readonly accepts: Accepts,
  ) {
    this.words = Math.ceil(length / 32);
    this.state = new Uint32Array(this.words);
    this.ascii = new Uint32Array(128 * this.words);
    for (let code = 0; code < 128; code++)
      this.fill(this.ascii.subarray(code * this.words, (code + 1) * this.words), String.fromCharCode(code));
  }

  /** The first index from `from` where the run matches and ends by `limit`, or -1. */
  find(text: string, from: number, limit: number): number {
    const { words, state, length } = this;
    state.fill(0);
    const lastWord = (length - 1) >>> 5;
    const lastBit = 1 << ((length - 1) & 31);
    for (let i = from; i < limit; i++) {
      const code = text.charCodeAt(i);
      const masks = code < 128 ? this.ascii : this.maskOf(text[i]!);
      const base = code < 128 ? code * words : 0;
      let carry = 1;
      for (let w = 0; w < words; w++) {
        const value = state[w]!;
        state[w] = ((value << 1) | carry) & masks[base + w]!;
        carry = value >>> 31;
      }
      if (state[lastWord]! & lastBit) return i - length + 1;
    }
    return -1;
  }

  private maskOf(char: string): Uint32Array {
    let mask = this.other.get(char);
    if (!mask) {
      if (this.other.size >= REMEMBERED_MASKS) this.other.clear();
      this.fill((mask = new Uint32Array(this.words)), char);
      this.other.set(char, mask);
    }
    return mask;
  }

  private fill(mask: Uint32Array, char: string): void {
    for (let position = 0; position < this.length; position++) {
      if (this.accepts(position, char)) mask[position >>> 5]! |= 1 << (position & 31);
    }
  }
}
