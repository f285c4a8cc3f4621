/**
 * The rulebook's ids as data: every rule of `docs/rules.md`, in the rulebook's order (wire, validation,
 * resource, policy document, identity and hash, access, order of checks). Tests, the conformance kit's cases
 * and its command-line table name rules by `RuleId`, so a misspelt rule id is a compile error, not a row
 * that silently checks nothing.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { RULE_IDS, isRuleId, type RuleId } from '@ssm-policy/core';
 * const rule: RuleId = 'H5';
 * assert.ok(RULE_IDS.includes(rule) && isRuleId('A9') && !isRuleId('H13'));
 *
 * @since 0.1.0
 * @category rules
 */

/**
 * Every rule id, in the rulebook's order.
 *
 * @since 0.1.0
 * @category rules
 */
export const RULE_IDS = [
  'W1',
  'W2',
  'W3',
  'W4',
  'W5',
  'W6',
  'V1',
  'V2',
  'V3',
  'V4',
  'V5',
  'R1',
  'R2',
  'R3',
  'R4',
  'R5',
  'R6',
  'R7',
  'R8',
  'P1',
  'P2',
  'P3',
  'P4',
  'P5',
  'P6',
  'P7',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'H7',
  'H8',
  'H9',
  'H10',
  'H11',
  'H12',
  'A1',
  'A2',
  'A3',
  'A4',
  'A5',
  'A6',
  'A7',
  'A8',
  'A9',
  'O1',
] as const;

/**
 * One rule of the rulebook: `'H5'`.
 *
 * @since 0.1.0
 * @category rules
 */
export type RuleId = (typeof RULE_IDS)[number];

const known: ReadonlySet<string> = new Set(RULE_IDS);

/**
 * True when `text` is a rule id of the rulebook (for ids read at run time, such as a command-line option).
 *
 * @since 0.1.0
 * @category rules
 */
export const isRuleId = (text: string): text is RuleId => known.has(text);

/**
 * The emulator's own rules: how its Parameter Store answers `PutParameter`, `GetParameter` and
 * `DeleteParameter` (names, types, values, tiers, the AWS managed key). They are not rules of resource policies,
 * so they are not `RuleId`s; docs/rules.md states them under "Parameter Store of the emulator" and the emulator's
 * tests name them.
 *
 * @since 0.2.0
 * @category rules
 */
export const PARAMETER_STORE_RULE_IDS = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'] as const;

/**
 * One rule of the emulator's Parameter Store: `'S2'`.
 *
 * @since 0.2.0
 * @category rules
 */
export type ParameterStoreRuleId = (typeof PARAMETER_STORE_RULE_IDS)[number];
