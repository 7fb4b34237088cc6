import { Parser, type ParseOutput } from '@asyncapi/parser';
import { diagnosticAt, sortDiagnostics, summariseErrors, toDiagnostics } from './diagnostics.ts';
import { checkDocumentStructure } from './document-structure.ts';
import { findUnstorableText } from './unstorable-text.ts';
import { findJsonSyntaxError } from './json-syntax.ts';
import { MAX_DOCUMENT_BYTES } from './limits.ts';
import { resolvedDocumentJson } from './diff/resolved-json.ts';
import { normaliseDocument } from './normalise.ts';
import { patternWarnings, type Locate } from './pattern-warnings.ts';
import { formatIssueDiagnostics, unsupportedFormatWarnings } from './schema-format-diagnostics.ts';
import { schemaFormats } from './schema-formats.ts';
import { structureRulesCompiledOnce } from './structure-rules.ts';
import type { Diagnostic, ValidationResult } from './types.ts';

// The HTTP layer checks the size before reading a body; validation refuses larger text too.

type Format = 'yaml' | 'json';

/**
 * Stands in for the parser's file and HTTP readers, which would otherwise run last whatever resolvers are
 * given. checkDocumentStructure refuses external `$ref`s first; should one get past it, nothing is read.
 */
const READ_NOTHING = (['file', 'http', 'https'] as const).map((schema) => ({
  schema,
  order: 1,
  canRead: true,
  read: (): Promise<string> => Promise.resolve('{}'),
}));

// The parser's 2.x warning for a schemaFormat it has no parser for: at line 1 when reached through a `$ref`.
const NO_SCHEMA_PARSER = 'No schema parser registered for ';

// Building a Parser compiles its rulesets (Ajv), about a second: one instance serves every document.
const formats = schemaFormats();
let parser: Parser | undefined;
const sharedParser = (): Parser =>
  (parser ??= new Parser({
    schemaParsers: formats.parsers,
    ruleset: structureRulesCompiledOnce(),
    __unstable: { resolver: { cache: false, resolvers: READ_NOTHING } },
  }));
/** Whether the shared parser reads a payload `schemaFormat`: its own formats and those of `schemaFormats`. */
const readsSchemaFormat = (schemaFormat: string): boolean => sharedParser().parserRegistry.has(schemaFormat);

/**
 * Validates an AsyncAPI 2.0–3.x document (YAML or JSON text) and normalises it. Never throws: every
 * problem comes back as `valid: false` with one sentence and the diagnostics, located by line.
 * @example
 * const result = await validateDocument(await readFile('asyncapi.yaml', 'utf8'));
 * if (!result.valid) console.error(result.error, result.diagnostics);
 */
export async function validateDocument(raw: string): Promise<ValidationResult> {
  try {
    return await validateText(raw);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return refuse(`The document could not be read: ${reason}`, []);
  }
}

async function validateText(raw: string): Promise<ValidationResult> {
  const format: Format = raw.trimStart().startsWith('{') ? 'json' : 'yaml';
  const refused = checkText(raw, format);
  if (refused) return refused;
  const unsafe = checkDocumentStructure(raw);
  if (unsafe.length > 0) return refuse(summariseErrors(unsafe), unsafe);
  const output = await sharedParser().parse(raw);
  const syntax = toDiagnostics(output.diagnostics.filter((d) => d.code === 'parser'));
  if (syntax.some((d) => d.severity === 'error')) return notParsable(format, syntax);
  const shapeError = checkShape(rootOf(output), format);
  if (shapeError) return refuse(shapeError, [{ severity: 'error', message: shapeError, path: '', line: 1, column: 1 }]);
  const unstorable = findUnstorableText(rootOf(output));
  if (unstorable) return refuse(summariseErrors([unstorable]), [unstorable]);
  const diagnostics = toDiagnostics(
    output.diagnostics.filter((d) => !d.message.startsWith(NO_SCHEMA_PARSER)),
    raw,
  );
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) return refuse(summariseErrors(errors), diagnostics);
  if (!output.document)
    return refuse('The parser returned no document and no reason; check the document against the AsyncAPI specification.', diagnostics);
  const formatErrors = formatIssueDiagnostics(formats.takeIssues(output.document.meta().asyncapi), rootOf(output), locator(output));
  if (formatErrors.length > 0) return refuse(summariseErrors(formatErrors), sortDiagnostics([...formatErrors, ...diagnostics]));
  return {
    valid: true,
    document: normaliseDocument(output.document, readsSchemaFormat),
    warnings: sortDiagnostics([...diagnostics, ...unrunnablePatterns(output), ...unreadFormats(output)]),
    format,
    resolved: resolvedDocumentJson(output.document),
  };
}

/** Refuses text that cannot be an AsyncAPI document before spending a parse on it. */
function checkText(raw: string, format: Format): ValidationResult | null {
  if (raw.trim() === '') return refuse('The document is empty: paste or upload an AsyncAPI document in YAML or JSON.', []);
  const bytes = Buffer.byteLength(raw, 'utf8');
  if (bytes > MAX_DOCUMENT_BYTES) {
    return refuse(
      `The document is ${bytes} bytes; the limit is ${MAX_DOCUMENT_BYTES} bytes (5 MB). Split it or remove unused components.`,
      [],
    );
  }
  // The parser reads JSON as YAML, which accepts text JSON does not (`{"a": }`).
  const jsonError = format === 'json' ? findJsonSyntaxError(raw) : null;
  return jsonError ? notParsable(format, [diagnosticAt(raw, jsonError.offset, jsonError.message)]) : null;
}

function notParsable(format: Format, diagnostics: Diagnostic[]): ValidationResult {
  const [first] = diagnostics;
  const language = format.toUpperCase();
  const where = first?.line ? ` (line ${first.line}, column ${first.column ?? 1})` : '';
  return refuse(`The document is not valid ${language}: ${first?.message ?? 'it could not be read'}${where}.`, diagnostics);
}

function refuse(error: string, diagnostics: Diagnostic[]): ValidationResult {
  return { valid: false, error, diagnostics };
}

/** Patterns the portal's linear-time engine cannot run, located in the raw text. */
function unrunnablePatterns(output: ParseOutput): Diagnostic[] {
  return patternWarnings(rootOf(output), locator(output));
}

/** Payloads in a format the portal does not read, located in the raw text, in place of the parser's 2.x warnings. */
function unreadFormats(output: ParseOutput): Diagnostic[] {
  return unsupportedFormatWarnings(rootOf(output), readsSchemaFormat, locator(output));
}

/** Where a JSON path of the document as written starts in its text; the closest enclosing value when not itself there. */
function locator(output: ParseOutput): Locate {
  const source = output.extras?.document;
  return (path) => source?.getRangeForJsonPath(path, true)?.start;
}

/** The parsed top-level value, which the parser keeps even when it refuses the document. */
function rootOf(output: ParseOutput): unknown {
  return output.extras?.document.data;
}

/** Says what is wrong when the text parsed but is not a mapping with an `asyncapi` version string. */
function checkShape(root: unknown, format: Format): string | null {
  if (root === null || root === undefined || typeof root !== 'object' || Array.isArray(root)) {
    const kind = Array.isArray(root) ? 'a list' : root === null || root === undefined ? 'empty' : `a single ${typeof root} value`;
    return `The document is not valid ${format.toUpperCase()} for AsyncAPI: its top level is ${kind}, but it must be a mapping of fields such as \`asyncapi\` and \`info\`.`;
  }
  const version = (root as Record<string, unknown>).asyncapi;
  if (version === undefined)
    return 'The document has no `asyncapi` field: add `asyncapi: 3.0.0` (or the 2.x version it follows) as its first line.';
  if (typeof version !== 'string')
    return `The \`asyncapi\` field must be a string such as '3.0.0', not ${JSON.stringify(version)}: quote it.`;
  return null;
}
