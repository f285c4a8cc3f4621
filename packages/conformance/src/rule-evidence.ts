/**
 * How sure the rulebook is of each rule, as data next to `RULE_IDS`: the evidence tags of the team's rulebook
 * (**M** AWS's service model, **D** AWS's documentation, **O** real-service behaviour observed by a third
 * party, **U** unverified: AWS does not publish it, so the rule is a `BehaviourProfile` choice or a guarantee
 * of this library). A rule carries every tag the rulebook puts on its parts, strongest first, so `['M', 'U']`
 * reads "the fact is in the model; a detail of it is a profile choice". A report shows them so that a team can
 * tell a disagreement with AWS from a disagreement with a profile choice. `ruleAnchor` is the rule's section of
 * `docs/rules.md`.
 *
 * @example
 * import assert from 'node:assert/strict';
 * import { RULE_EVIDENCE, evidenceText, ruleAnchor } from '@ssm-policy/conformance';
 * assert.equal(evidenceText(RULE_EVIDENCE.H5), '[M][U]');
 * assert.equal(ruleAnchor('H5'), 'docs/rules.md#h5');
 *
 * @since 0.1.0
 * @category rules
 */
import type { RuleId } from '@ssm-policy/core';

/**
 * One evidence tag of the rulebook.
 *
 * @since 0.1.0
 * @category rules
 */
export type EvidenceTag = 'M' | 'D' | 'O' | 'U';

/**
 * The tags of one rule, strongest first; `U` alone means AWS publishes nothing of it.
 *
 * @since 0.1.0
 * @category rules
 */
export type RuleEvidence = ReadonlyArray<EvidenceTag>;

/**
 * Every rule's evidence, as the rulebook tags it. H10, H11 and A9 are guarantees of this library, not facts
 * AWS publishes, so they are `U`.
 *
 * @since 0.1.0
 * @category rules
 */
export const RULE_EVIDENCE: Readonly<Record<RuleId, RuleEvidence>> = {
  W1: ['M', 'U'],
  W2: ['M', 'U'],
  W3: ['M'],
  W4: ['D'],
  W5: ['D'],
  W6: ['M', 'U'],
  V1: ['M'],
  V2: ['M', 'O'],
  V3: ['M'],
  V4: ['M'],
  V5: ['M', 'O'],
  R1: ['D', 'U'],
  R2: ['D', 'U'],
  R3: ['U'],
  R4: ['D'],
  R5: ['D', 'U'],
  R6: ['D', 'U'],
  R7: ['U'],
  R8: ['D', 'U'],
  P1: ['M', 'U'],
  P2: ['D'],
  P3: ['D', 'U'],
  P4: ['D', 'U'],
  P5: ['D', 'U'],
  P6: ['U'],
  P7: ['U'],
  H1: ['M', 'U'],
  H2: ['U'],
  H3: ['M'],
  H4: ['M', 'U'],
  H5: ['M', 'U'],
  H6: ['O', 'U'],
  H7: ['M'],
  H8: ['M', 'U'],
  H9: ['M', 'U'],
  H10: ['U'],
  H11: ['U'],
  H12: ['M', 'U'],
  A1: ['D'],
  A2: ['D'],
  A3: ['D'],
  A4: ['D'],
  A5: ['D', 'U'],
  A6: ['D', 'U'],
  A7: ['U'],
  A8: ['D'],
  A9: ['U'],
  O1: ['U'],
};

/**
 * `['M', 'U']` → `'[M][U]'`.
 *
 * @since 0.1.0
 * @category rules
 */
export const evidenceText = (evidence: RuleEvidence): string => evidence.map((t) => `[${t}]`).join('');

/**
 * The rule's section of the public rulebook, relative to the repository root: `docs/rules.md#h5` (the rule id
 * in lower case, as the anchor of its row).
 *
 * @since 0.1.0
 * @category rules
 */
export const ruleAnchor = (rule: RuleId): string => `docs/rules.md#${rule.toLowerCase()}`;
