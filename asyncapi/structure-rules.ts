import type { RuleDefinition, RulesetFunction, RulesetFunctionContext } from '@stoplight/spectral-core';
import { documentStructure } from '@asyncapi/parser/cjs/ruleset/functions/documentStructure.js';

/**
 * What Spectral's `schema` function keys its Ajv instances by. It makes new instances for each document it
 * checks, so the AsyncAPI specification's own JSON Schema (a few thousand lines per version) was compiled
 * again for every document: about two thirds of a parse. The specification's schemas are the same for every
 * document and carry their `$id`, so one set of instances for all documents compiles each version once.
 */
const SHARED_INVENTORY = Object.freeze({}) as RulesetFunctionContext['documentInventory'];

/** The parser's `documentStructure`, with the specification's schemas compiled once per parser's lifetime. */
const documentStructureCompiledOnce: RulesetFunction<unknown, { resolved: boolean }> = (input, options, context) =>
  documentStructure(input, options, { ...context, documentInventory: SHARED_INVENTORY });

/** One of the parser's two structure rules (@asyncapi/parser's core ruleset), as it defines it but for the function. */
function structureRule(resolved: boolean): RuleDefinition {
  return {
    description: `Checking if the AsyncAPI document has valid ${resolved ? 'resolved' : 'unresolved'} structure.`,
    message: '{{error}}',
    severity: 'error',
    recommended: true,
    ...(resolved ? {} : { resolved: false }),
    given: '$',
    then: { function: documentStructureCompiledOnce, functionOptions: { resolved } },
  };
}

/**
 * The parser's ruleset with its structure rules replaced by ones that reuse the compiled specification schemas:
 * the same checks and messages, at about a third of the cost per document. Pass as `new Parser({ ruleset })`.
 * @example const parser = new Parser({ ruleset: structureRulesCompiledOnce() });
 */
export function structureRulesCompiledOnce(): { rules: Record<string, RuleDefinition> } {
  return { rules: { 'asyncapi-document-resolved': structureRule(true), 'asyncapi-document-unresolved': structureRule(false) } };
}
