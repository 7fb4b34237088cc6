import type { CodeOptions } from 'ajv';
import { RE2JS } from 're2js';

type RegExpEngine = NonNullable<CodeOptions['regExp']>;
type RegExpLike = ReturnType<RegExpEngine>;

/** A schema pattern the linear-time engine cannot run; the message names the pattern and the construct. */
export class UnsupportedPatternError extends Error {
  override name = 'UnsupportedPatternError' as const;
  constructor(
    readonly pattern: string,
    reason: string,
  ) {
    super(`pattern ${JSON.stringify(pattern)} ${reason}`);
  }
}

// What JavaScript's `\s` and `.` mean, spelled for RE2, whose `\s` is ASCII-only and whose `.` stops only at `\n`.
const JS_SPACE = '\\t\\n\\v\\f\\r \\x{a0}\\x{1680}\\x{2000}-\\x{200a}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}';
const JS_DOT = '[^\\n\\r\\x{2028}\\x{2029}]';

const CONSTRUCTS: Array<[string, string]> = [
  ['(?=', 'a lookahead'],
  ['(?!', 'a lookahead'],
  ['(?<=', 'a lookbehind'],
  ['(?<!', 'a lookbehind'],
];

const refuse = (pattern: string, construct: string): never => {
  throw new UnsupportedPatternError(pattern, `uses ${construct}, which the portal cannot run in linear time`);
};

/**
 * Rewrites a JavaScript (`u`) pattern into RE2 syntax with the same meaning, refusing what RE2 cannot run:
 * lookarounds and backreferences. `\u` escapes and named groups are left to RE2JS.translateRegExp.
 */
function toRe2(pattern: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i]!;
    if (ch === '\\') {
      const next = pattern[i + 1] ?? '';
      if (!inClass && /[1-9]/.test(next)) refuse(pattern, `the backreference \\${next}`);
      if (next === 'k' && pattern[i + 2] === '<') refuse(pattern, 'a named backreference');
      out += next === 's' ? (inClass ? JS_SPACE : `[${JS_SPACE}]`) : next === 'S' && !inClass ? `[^${JS_SPACE}]` : ch + next;
      i += 1;
    } else if (inClass) {
      inClass = ch !== ']';
      out += ch;
    } else if (ch === '(') {
      const found = CONSTRUCTS.find(([start]) => pattern.startsWith(start, i));
      if (found) refuse(pattern, found[1]);
      out += ch;
    } else {
      inClass = ch === '[';
      out += ch === '.' ? JS_DOT : ch;
    }
  }
  return RE2JS.translateRegExp(out);
}

class LinearPattern implements RegExpLike {
  private readonly re: RE2JS;
  constructor(
    private readonly source: string,
    private readonly flags: string,
  ) {
    // JavaScript's parser stays the judge of syntax (it only compiles here, never runs), so a pattern valid
    // before is valid now and an invalid one is still refused with the same message.
    new RegExp(source, flags);
    try {
      this.re = RE2JS.compile(toRe2(source));
    } catch (error) {
      if (error instanceof UnsupportedPatternError) throw error;
      throw new UnsupportedPatternError(source, `uses syntax the linear-time engine (RE2) does not support: ${(error as Error).message}`);
    }
  }

  /** Search semantics, as JSON Schema's `pattern` wants: the pattern may match anywhere unless anchored. */
  test(input: string): boolean {
    return this.re.matcher(input).find();
  }

  /** Ajv keys compiled patterns by this text, so it must tell patterns apart as RegExp#toString does. */
  toString(): string {
    return `/${this.source}/${this.flags}`;
  }
}

/**
 * Ajv's `code.regExp` engine: runs every schema pattern in time linear in the input (RE2 semantics, via re2js),
 * so a pattern such as `^(a+)+$` cannot stall the event loop. Throws UnsupportedPatternError for the rest.
 * @example new Ajv({ code: { regExp: linearRegExp } })
 */
export const linearRegExp: RegExpEngine = Object.assign((pattern: string, flags: string): RegExpLike => new LinearPattern(pattern, flags), {
  code: 'linearRegExp',
});

/**
 * Why the portal cannot check this schema pattern, or null when it can (an invalid pattern is not this check's business).
 * @example patternProblem('^(?!x)') // 'pattern "^(?!x)" uses a lookahead, which the portal cannot run in linear time'
 */
export function patternProblem(pattern: string): string | null {
  try {
    linearRegExp(pattern, 'u');
    return null;
  } catch (error) {
    return error instanceof UnsupportedPatternError ? error.message : null;
  }
}
