import { addressTemplate, matchAddressTemplate } from './address-topic.ts';
import type { PayloadChecker, PayloadIssue } from './payload-schema.ts';
import type { JsonSchema } from './types.ts';

/** An address parameter as checked: its name and schema (null when the document gives none). */
export interface ParameterSchema {
  name: string;
  schema: JsonSchema | null;
}

/**
 * The value of each parameter of `address` in `topic`, or null when the topic is not an instance of it
 * (the rule of `matchAddressTemplate`); `{}` for an address without parameters that equals the topic.
 * @example addressParameterValues('greenhouse/{zone}/alert', 'greenhouse/mars/alert') // { zone: 'mars' }
 */
export function addressParameterValues(address: string, topic: string): Record<string, string> | null {
  const template = addressTemplate(address);
  if (template === null) return address === topic ? {} : null;
  const values = matchAddressTemplate(template, topic);
  if (values === null) return null;
  const byName: Record<string, string> = {};
  template.names.forEach((name, i) => (byName[name] = values[i]!));
  return byName;
}

/**
 * What concrete parameter values break of their schemas, each path prefixed with `{name}`: the one rule that
 * both live conformance and publishing apply, so a message the publish form sends as conforming is not a
 * violation on the live tail. A value is always a string, checked quoted, so "17" is not read as a number.
 * `checkerOf` compiles (and may cache) a parameter's checker.
 * @example parameterIssues([{ name: 'zone', schema: { enum: ['north'] } }], { zone: 'mars' }, (p) => compilePayloadChecker(p.schema))
 *   // [{ path: '{zone}', message: 'must be one of "north"' }]
 */
export function parameterIssues(
  parameters: readonly ParameterSchema[],
  values: Readonly<Record<string, string>>,
  checkerOf: (parameter: ParameterSchema & { schema: JsonSchema }) => PayloadChecker,
): PayloadIssue[] {
  const issues: PayloadIssue[] = [];
  for (const parameter of parameters) {
    const value = values[parameter.name];
    if (parameter.schema === null || value === undefined) continue;
    const check = checkerOf({ name: parameter.name, schema: parameter.schema })(JSON.stringify(value));
    if (check.status === 'violates')
      for (const issue of check.errors) issues.push({ path: `{${parameter.name}}${issue.path}`, message: issue.message });
  }
  return issues;
}
