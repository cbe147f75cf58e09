// The calls of iamplay's JavaScript package (api.js). The types they return are generated from the
// Rust types: types.d.ts.
import type { AnalyzeResult, CheckResult, Decision, LintResult, ScenarioError } from './types.js';

export * from './types.js';

/** The policy types `lint` takes: the scenario format's, and `trust` (a role trust policy). */
export type LintType =
  | 'identity'
  | 'resource'
  | 'trust'
  | 'permissionsBoundary'
  | 'session'
  | 'scp'
  | 'rcp'
  | 'vpcEndpoint';

export interface Options {
  /** The service catalog (loadCatalog): its diagnostics join the others; RCPs apply to the services it lists. */
  catalog?: Catalog;
}

export interface LintOptions extends Options {
  /** Default `identity`. */
  type?: LintType;
}

/** What a call throws when its input cannot be read. */
export declare class IamplayError extends Error {
  readonly name: 'IamplayError';
  /** Each problem with its field, span and position; empty for a bad argument. */
  readonly errors: ScenarioError[];
  /** 1-based line of the first problem. */
  readonly line: number | undefined;
  /** 1-based column (in characters) of the first problem. */
  readonly column: number | undefined;
  /** The field of the first problem, e.g. `requests[2].expect` (empty for the whole text). */
  readonly field: string | undefined;
}

/** The AWS service catalog (iamplay's data/catalog.json), read once. */
export declare class Catalog {
  private constructor();
  /** The full names (`s3:GetObject`) of the actions a pattern such as `s3:Get*` matches. */
  expandAction(pattern: string): string[];
  /** How many actions the catalog lists. */
  readonly actionCount: number;
  /** Release its memory now (otherwise when it is garbage-collected). */
  free(): void;
}

/** Read the service catalog: the text of data/catalog.json, or that JSON as an object. */
export declare function loadCatalog(json: string | object): Catalog;

/** Analyze a scenario (format v1) or a workspace (format v2): an object or JSON text. */
export declare function analyze(input: string | object, options?: Options): AnalyzeResult;

/**
 * Only the decision: for a scenario (format v1) one decision (`null` for a malformed request), for a
 * workspace (format v2) an array with one per request. The same evaluation as `analyze`.
 */
export declare function decide(input: string | object, options?: Options): Decision | null | (Decision | null)[];

/** Run a workspace's checks: its requests with an `expect`. */
export declare function check(input: string | object, options?: Options): CheckResult;

/** Lint one policy document: an object or JSON text. */
export declare function lint(policy: string | object, options?: LintOptions): LintResult;

/** The full names of the actions an action pattern matches, in the given catalog. */
export declare function expandAction(pattern: string, catalog: Catalog): string[];
