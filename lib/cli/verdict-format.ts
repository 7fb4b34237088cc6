import type { Change } from '../../asyncapi/diff/types.ts';
import type { Diagnostic } from '../../asyncapi/types.ts';
import type { PortalVerdict } from './portal-answer.ts';
import { diagnosticLines, plural, printable } from './text.ts';

/** What a refusal carries besides its sentence. */
export interface RefusalDetails {
  httpStatus?: number;
  latestVersion?: string;
  breakingChanges: Change[];
  diagnostics: Diagnostic[];
}

/**
 * What a refusal says besides its sentence, indented: the breaking changes and the version they break, the
 * diagnostics at their lines, and for a 401 what to pass.
 * @example refusalDetails('orders.yaml', refusal, { token: false })
 */
export function refusalDetails(file: string, refusal: RefusalDetails, { token }: { token: boolean }): string[] {
  const lines: string[] = [];
  if (refusal.breakingChanges.length > 0) {
    const against = refusal.latestVersion ? ` against ${printable(refusal.latestVersion)}` : '';
    lines.push(`  ${plural(refusal.breakingChanges.length, 'breaking change')}${against}:`);
    lines.push(...refusal.breakingChanges.map((c) => `  - ${printable(c.description)}  at ${printable(c.path)}`));
  }
  lines.push(...diagnosticLines(file, refusal.diagnostics).map((line) => `  ${line}`));
  if (refusal.httpStatus === 401 && !token) lines.push('  Pass an API token: --token, or EVENT_PORTAL_TOKEN.');
  return lines;
}

/**
 * The answer to `check`: whether the portal would register the file, and if not, why.
 * @example formatCheck('orders.yaml', verdict, { token: true })
 */
export function formatCheck(file: string, verdict: PortalVerdict, { token }: { token: boolean }): string {
  const name = printable(file);
  switch (verdict.kind) {
    case 'accepted': {
      const what = `${printable(verdict.slug)} ${printable(verdict.version)}`;
      const outcome =
        verdict.status === 'created'
          ? `the portal would register ${what} as a new version${verdict.forced ? ' (forced)' : ''}`
          : `${what} is registered already, with this content`;
      const warnings = diagnosticLines(file, verdict.warnings).map((line) => `  ${line}`);
      return `${[`${name}: accepted: ${outcome}. Nothing was stored (dry run).`, ...warnings].join('\n')}\n`;
    }
    case 'refused':
      return `${[`${name}: refused (HTTP ${verdict.httpStatus}): ${printable(verdict.error)}`, ...refusalDetails(file, verdict, { token })].join('\n')}\n`;
    case 'failed':
      return `${name}: no verdict (HTTP ${verdict.httpStatus}): ${printable(verdict.error)}\n`;
  }
}
