'use client';

import { useId } from 'react';
import type { NormalisedParameter } from '../../asyncapi/types.ts';

interface AddressParametersProps {
  parameters: NormalisedParameter[];
  values: Readonly<Record<string, string>>;
  onChange: (name: string, value: string) => void;
}

/** A labelled, required text field per address parameter, with its description, allowed values and examples as hints. */
export function AddressParameters({ parameters, values, onChange }: AddressParametersProps) {
  const id = useId();
  if (parameters.length === 0) return null;
  return (
    <fieldset className="publish__parameters">
      <legend className="publish__label">Address parameters</legend>
      {parameters.map((parameter, index) => {
        const fieldId = `${id}-${index}`;
        const allowed = stringList(schemaKeyword(parameter, 'enum'));
        const examples = stringList(schemaKeyword(parameter, 'examples'));
        const value = values[parameter.name] ?? '';
        const outside = allowed.length > 0 && value !== '' && !allowed.includes(value);
        const hint = [
          outside ? `“${value}” is not an allowed value.` : null,
          parameter.description,
          allowed.length > 0 ? `One of ${allowed.join(', ')}.` : null,
          examples.length > 0 ? `e.g. ${examples.join(', ')}` : null,
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <div className="publish__field" key={parameter.name}>
            <label htmlFor={fieldId} className="mono">
              {parameter.name}
            </label>
            <input
              id={fieldId}
              className="input mono"
              value={value}
              onChange={(event) => onChange(parameter.name, event.target.value)}
              required
              aria-invalid={outside || undefined}
              autoComplete="off"
              spellCheck={false}
              list={allowed.length > 0 ? `${fieldId}-values` : undefined}
              aria-describedby={hint ? `${fieldId}-hint` : undefined}
            />
            {allowed.length > 0 && (
              <datalist id={`${fieldId}-values`}>
                {allowed.map((value) => (
                  <option key={value} value={value} />
                ))}
              </datalist>
            )}
            {hint && (
              <span id={`${fieldId}-hint`} className={outside ? 'publish__hint publish__hint--warning' : 'muted publish__hint'}>
                {hint}
              </span>
            )}
          </div>
        );
      })}
    </fieldset>
  );
}

function schemaKeyword(parameter: NormalisedParameter, keyword: string): unknown {
  return parameter.schema !== null && typeof parameter.schema === 'object' ? parameter.schema[keyword] : undefined;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item) => ['string', 'number', 'boolean'].includes(typeof item)).map(String) : [];
}
