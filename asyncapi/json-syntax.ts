/** Where JSON text stops being valid, with a message a person can act on. */
export interface JsonSyntaxError {
  message: string;
  /** 0-based offset into the text. */
  offset: number;
}

const WHITESPACE = /[ \t\n\r]*/y;
const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const LITERAL = /true|false|null/y;

class Stop extends Error {
  constructor(readonly error: JsonSyntaxError) {
    super(error.message);
  }
}

/**
 * Finds the first syntax error in JSON text, or null when it is valid JSON. `JSON.parse` in Node 20 does not
 * always say where it failed, and a line number is what a person needs to fix a document.
 * @example findJsonSyntaxError('{"a": }') // { message: 'Expected a value but found `}`', offset: 6 }
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  const scanner = new Scanner(text);
  try {
    scanner.value();
    scanner.skipWhitespace();
    if (scanner.at < text.length) scanner.fail('Unexpected text after the end of the document');
    return null;
  } catch (error) {
    if (error instanceof Stop) return error.error;
    // Nesting too deep for a recursive scan: still a syntax error, just without a place.
    return { message: 'The JSON is nested too deeply to read', offset: 0 };
  }
}

class Scanner {
  at = 0;
  constructor(private readonly text: string) {}

  value(): void {
    this.skipWhitespace();
    const char = this.text[this.at];
    if (char === '{') return this.object();
    if (char === '[') return this.array();
    if (this.match(STRING) || this.match(NUMBER) || this.match(LITERAL)) return;
    if (char === '"') this.fail('Invalid string: unescaped control character, bad escape or missing closing quote');
    this.fail(char === undefined ? 'Unexpected end of the document; a value is missing' : `Expected a value but found \`${char}\``);
  }

  skipWhitespace(): void {
    this.match(WHITESPACE);
  }

  fail(message: string): never {
    throw new Stop({ message, offset: this.at });
  }

  private object(): void {
    this.at += 1;
    this.skipWhitespace();
    if (this.eat('}')) return;
    do {
      this.skipWhitespace();
      if (!this.match(STRING)) this.fail('Expected a property name in double quotes');
      this.skipWhitespace();
      if (!this.eat(':')) this.fail('Expected `:` after the property name');
      this.value();
      this.skipWhitespace();
    } while (this.eat(','));
    if (!this.eat('}')) this.fail('Expected `,` or `}` after the property value');
  }

  private array(): void {
    this.at += 1;
    this.skipWhitespace();
    if (this.eat(']')) return;
    do {
      this.value();
      this.skipWhitespace();
    } while (this.eat(','));
    if (!this.eat(']')) this.fail('Expected `,` or `]` after the array item');
  }

  private eat(char: string): boolean {
    if (this.text[this.at] !== char) return false;
    this.at += 1;
    return true;
  }

  private match(pattern: RegExp): boolean {
    pattern.lastIndex = this.at;
    if (!pattern.test(this.text)) return false;
    this.at = pattern.lastIndex;
    return true;
  }
}
