/**
 * AWS partitions and their regions (rule R1), generated from botocore 1.43.11's `partitions.json`
 * (format 1.1), copied to `packages/core/data/partitions.json`. Do not edit: run
 * `pnpm --filter @ssm-policy/core run generate:partitions`; `test/partitions.test.ts` checks this file
 * against the data.
 *
 * @example
 * import { PARTITIONS } from './partitions.generated.js';
 * PARTITIONS.find((p) => p.id === 'aws-iso-f')?.regionRegex.test('us-isof-south-1'); // true
 *
 * @since 0.1.0
 * @category data
 */

export interface PartitionData {
  readonly id: string;
  /** AWS's pattern of the partition's region names. */
  readonly regionRegex: RegExp;
  /** The regions AWS lists for the partition (including its `*-global` pseudo-region). */
  readonly regions: ReadonlyArray<string>;
}

export const PARTITIONS_SOURCE = "botocore 1.43.11 partitions.json 1.1";

export const PARTITIONS: ReadonlyArray<PartitionData> = [
  {
    id: "aws",
    regionRegex: new RegExp("^(us|eu|ap|sa|ca|me|af|il|mx)\\-\\w+\\-\\d+$"),
    regions: [
      "af-south-1",
      "ap-east-1",
      "ap-east-2",
      "ap-northeast-1",
      "ap-northeast-2",
      "ap-northeast-3",
      "ap-south-1",
      "ap-south-2",
      "ap-southeast-1",
      "ap-southeast-2",
      "ap-southeast-3",
      "ap-southeast-4",
      "ap-southeast-5",
      "ap-southeast-6",
      "ap-southeast-7",
      "aws-global",
      "ca-central-1",
      "ca-west-1",
      "eu-central-1",
      "eu-central-2",
      "eu-north-1",
      "eu-south-1",
      "eu-south-2",
      "eu-west-1",
      "eu-west-2",
      "eu-west-3",
      "il-central-1",
      "me-central-1",
      "me-south-1",
      "mx-central-1",
      "sa-east-1",
      "us-east-1",
      "us-east-2",
      "us-west-1",
      "us-west-2",
    ],
  },
  {
    id: "aws-cn",
    regionRegex: new RegExp("^cn\\-\\w+\\-\\d+$"),
    regions: [
      "aws-cn-global",
      "cn-north-1",
      "cn-northwest-1",
    ],
  },
  {
    id: "aws-eusc",
    regionRegex: new RegExp("^eusc\\-(de)\\-\\w+\\-\\d+$"),
    regions: [
      "eusc-de-east-1",
    ],
  },
  {
    id: "aws-iso",
    regionRegex: new RegExp("^us\\-iso\\-\\w+\\-\\d+$"),
    regions: [
      "aws-iso-global",
      "us-iso-east-1",
      "us-iso-west-1",
    ],
  },
  {
    id: "aws-iso-b",
    regionRegex: new RegExp("^us\\-isob\\-\\w+\\-\\d+$"),
    regions: [
      "aws-iso-b-global",
      "us-isob-east-1",
      "us-isob-west-1",
    ],
  },
  {
    id: "aws-iso-e",
    regionRegex: new RegExp("^eu\\-isoe\\-\\w+\\-\\d+$"),
    regions: [
      "aws-iso-e-global",
      "eu-isoe-west-1",
    ],
  },
  {
    id: "aws-iso-f",
    regionRegex: new RegExp("^us\\-isof\\-\\w+\\-\\d+$"),
    regions: [
      "aws-iso-f-global",
      "us-isof-east-1",
      "us-isof-south-1",
    ],
  },
  {
    id: "aws-us-gov",
    regionRegex: new RegExp("^us\\-gov\\-\\w+\\-\\d+$"),
    regions: [
      "aws-us-gov-global",
      "us-gov-east-1",
      "us-gov-west-1",
    ],
  },
];
