// iamplay's wasm against @cloud-copilot/iam-simulate (a dev dependency, never shipped), in one Node
// process, on the same 10,000 random scenarios (BENCHMARKS.md, "Against iam-simulate"):
//
//   bash scripts/build-js.sh && node tests/js/bench-simulate.mjs [--n 10000] [--rounds 5] [--seed 12]
//     [--write DIR]        also write the scenarios as DIR/00000.json … (for `iamplay eval DIR`), then stop
//     [--disagreements F]  write every disagreement (both inputs and both decisions) to F as JSON
//     [--no-time]          only the agreement check
//     [--profile]          also time the parts of iamplay's calls: the raw wasm calls (JSON text out),
//                          JSON.parse of analyze's output, JSON.stringify of an object input
//
// 1. Generates N scenarios with a seeded PRNG: a principal (IAM user or role session, in the resource's
//    account or another), one action on a resource of its type (S3, DynamoDB, SQS, EC2, Lambda, SNS, KMS),
//    1–3 identity policies of 1–6 statements (Allow/Deny, wildcards in Action and Resource, NotAction
//    now and then, StringEquals/StringLike/IpAddress/Bool/NumericLessThan conditions), and sometimes a
//    resource policy (bucket, queue, function, topic, key policy), a permissions boundary and SCPs at
//    two levels; a request context drawn from the same keys.
// 2. Converts each to iamplay's scenario v1 (JSON text) and to iam-simulate's `Simulation` (an object).
// 3. Agreement: every scenario through both engines; the decisions must be the same (three-way:
//    allowed, explicitDeny, implicitDeny; and two-way: allowed or not).
// 4. Timing: a warm-up round of each, then R rounds of each, alternating; each round decides all N
//    scenarios. Medians of the rounds, and their ratios.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpus } from 'node:os';
import { createRequire } from 'node:module';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const N = Number(option('n', 10000));
const ROUNDS = Number(option('rounds', 5));
const SEED = Number(option('seed', 12));
const WRITE = option('write', null);
const DISAGREEMENTS = option('disagreements', null);
const TIME = !args.includes('--no-time');
const PROFILE = args.includes('--profile');

// ---------------------------------------------------------------------------------------------
// Random scenarios (mulberry32: the same seed gives the same 10,000 scenarios on every machine)

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const chance = (p) => rand() < p;
const pick = (xs) => xs[Math.floor(rand() * xs.length)];
const between = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));

const A = '111122223333';
const B = '444455556666';
const REGION = 'us-east-1';

// Principals: IAM users and role sessions, most in account A.
const PRINCIPALS = {
  [A]: [
    { arn: `arn:aws:iam::${A}:user/alice`, name: 'alice' },
    { arn: `arn:aws:iam::${A}:user/bob`, name: 'bob' },
    { arn: `arn:aws:iam::${A}:user/carol`, name: 'carol' },
    { arn: `arn:aws:sts::${A}:assumed-role/Developer/alice-session`, role: `arn:aws:iam::${A}:role/Developer` },
    { arn: `arn:aws:sts::${A}:assumed-role/Auditor/audit-1`, role: `arn:aws:iam::${A}:role/Auditor` },
  ],
  [B]: [
    { arn: `arn:aws:iam::${B}:user/dave`, name: 'dave' },
    { arn: `arn:aws:sts::${B}:assumed-role/Partner/batch`, role: `arn:aws:iam::${B}:role/Partner` },
  ],
};

// Services: the actions the requests use, the resources they act on, the patterns policies use.
const SERVICES = [
  {
    prefix: 's3',
    weight: 30,
    actions: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket'],
    patterns: ['s3:*', 's3:Get*', 's3:*Object', 's3:Put*', 's3:List*', 's3:GetObject', 's3:ListBucket', 's3:DeleteObject'],
    resource(action, account) {
      const bucket = pick(account === A ? ['photos', 'team-blue-data', 'logs-a'] : ['partner-drop', 'team-red-data']);
      if (action === 's3:ListBucket') return `arn:aws:s3:::${bucket}`;
      return `arn:aws:s3:::${bucket}/${pick(['2024/cat.jpg', 'home/alice/notes.txt', 'reports/q1.csv', 'home/bob/todo.md'])}`;
    },
    resourcePatterns: (resource) => {
      const bucket = resource.slice('arn:aws:s3:::'.length).split('/')[0];
      return [
        resource,
        `arn:aws:s3:::${bucket}/*`,
        `arn:aws:s3:::${bucket}`,
        'arn:aws:s3:::team-*-data/*',
        `arn:aws:s3:::${bucket}/home/*`,
        'arn:aws:s3:::*',
        'arn:aws:s3:::photos/2024/*',
        `arn:aws:s3:::${bucket}/home/\${aws:username}/*`,
      ];
    },
    resourcePolicy: true,
  },
  {
    prefix: 'dynamodb',
    weight: 15,
    actions: ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:DeleteItem'],
    patterns: ['dynamodb:*', 'dynamodb:Get*', 'dynamodb:*Item', 'dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:Delete*'],
    resource: (_, account) => `arn:aws:dynamodb:${REGION}:${account}:table/${pick(['Orders', 'Users', 'Sessions'])}`,
    resourcePatterns: (resource) => [
      resource,
      resource.replace(/table\/.*/, 'table/*'),
      `arn:aws:dynamodb:*:*:table/Ord*`,
      `arn:aws:dynamodb:${REGION}:${A}:table/Users`,
    ],
    resourcePolicy: false,
  },
  {
    prefix: 'sqs',
    weight: 12,
    actions: ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage'],
    patterns: ['sqs:*', 'sqs:SendMessage', 'sqs:Receive*', 'sqs:*Message'],
    resource: (_, account) => `arn:aws:sqs:${REGION}:${account}:${pick(['jobs', 'events', 'jobs-dlq'])}`,
    resourcePatterns: (resource) => [resource, resource.replace(/:[^:]*$/, ':jobs*'), `arn:aws:sqs:*:*:*`],
    resourcePolicy: true,
  },
  {
    prefix: 'ec2',
    weight: 15,
    actions: ['ec2:StartInstances', 'ec2:StopInstances', 'ec2:TerminateInstances', 'ec2:DescribeInstances'],
    patterns: ['ec2:*', 'ec2:*Instances', 'ec2:Describe*', 'ec2:StartInstances', 'ec2:Stop*', 'ec2:TerminateInstances'],
    resource: (action, account) =>
      action === 'ec2:DescribeInstances'
        ? '*'
        : `arn:aws:ec2:${REGION}:${account}:instance/${pick(['i-0abc1234def567890', 'i-0fed9876cba543210'])}`,
    resourcePatterns: (resource) =>
      resource === '*'
        ? ['*', `arn:aws:ec2:*:*:instance/*`]
        : [resource, `arn:aws:ec2:*:*:instance/*`, `arn:aws:ec2:${REGION}:${A}:instance/*`, `arn:aws:ec2:us-west-2:*:instance/*`],
    resourcePolicy: false,
  },
  {
    prefix: 'lambda',
    weight: 10,
    actions: ['lambda:InvokeFunction'],
    patterns: ['lambda:*', 'lambda:Invoke*', 'lambda:InvokeFunction'],
    resource: (_, account) => `arn:aws:lambda:${REGION}:${account}:function:${pick(['resize', 'billing', 'resize-dev'])}`,
    resourcePatterns: (resource) => [resource, resource.replace(/function:.*/, 'function:resize*'), `arn:aws:lambda:*:*:function:*`],
    resourcePolicy: true,
  },
  {
    prefix: 'sns',
    weight: 8,
    actions: ['sns:Publish'],
    patterns: ['sns:*', 'sns:Publish'],
    resource: (_, account) => `arn:aws:sns:${REGION}:${account}:${pick(['alerts', 'orders'])}`,
    resourcePatterns: (resource) => [resource, `arn:aws:sns:*:*:alerts`, `arn:aws:sns:${REGION}:*:*`],
    resourcePolicy: true,
  },
  {
    prefix: 'kms',
    weight: 10,
    actions: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'],
    patterns: ['kms:*', 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:*crypt'],
    resource: (_, account) => `arn:aws:kms:${REGION}:${account}:key/${pick(['1234abcd-12ab-34cd-56ef-1234567890ab', '0987dcba-09fe-87dc-65ba-ab0987654321'])}`,
    resourcePatterns: (resource) => [resource, `arn:aws:kms:*:*:key/*`, `arn:aws:kms:${REGION}:${A}:key/*`],
    resourcePolicy: true, // the key policy
  },
];
const totalWeight = SERVICES.reduce((sum, s) => sum + s.weight, 0);
function pickService() {
  let r = rand() * totalWeight;
  for (const s of SERVICES) {
    r -= s.weight;
    if (r < 0) return s;
  }
  return SERVICES[0];
}

const TEAMS = ['blue', 'red'];
const NETS = ['203.0.113.0/24', '198.51.100.0/24'];
const ADDRESSES = ['203.0.113.10', '198.51.100.7', '192.0.2.44'];

// A condition block for a statement of the given effect, on keys the request may or may not carry.
function condition(effect, action) {
  const blocks = [];
  const count = chance(0.25) ? 2 : 1;
  for (let i = 0; i < count; i++) {
    const kind = between(0, action === 's3:ListBucket' ? 9 : 7);
    switch (kind) {
      case 0:
        blocks.push([effect === 'Deny' && chance(0.5) ? 'StringNotEquals' : 'StringEquals', 'aws:PrincipalTag/team', pick(TEAMS)]);
        break;
      case 1:
        blocks.push([effect === 'Deny' ? 'NotIpAddress' : 'IpAddress', 'aws:SourceIp', chance(0.7) ? pick(NETS) : [...NETS]]);
        break;
      case 2:
        blocks.push(effect === 'Deny' ? ['Bool', 'aws:SecureTransport', 'false'] : ['Bool', 'aws:SecureTransport', 'true']);
        break;
      case 3:
        blocks.push(effect === 'Deny' ? ['BoolIfExists', 'aws:MultiFactorAuthPresent', 'false'] : ['Bool', 'aws:MultiFactorAuthPresent', 'true']);
        break;
      case 4:
        blocks.push(['NumericLessThan', 'aws:MultiFactorAuthAge', String(pick([900, 3600, 86400]))]);
        break;
      case 5:
        blocks.push([effect === 'Deny' ? 'StringNotEquals' : 'StringEquals', 'aws:RequestedRegion', pick([REGION, 'eu-west-1'])]);
        break;
      case 6:
        blocks.push([effect === 'Deny' ? 'ArnNotLike' : 'ArnLike', 'aws:PrincipalArn', pick([`arn:aws:iam::*:role/Developer`, `arn:aws:iam::${A}:user/*`, `arn:aws:iam::*:role/Audit*`])]);
        break;
      case 7:
        blocks.push([effect === 'Deny' ? 'StringNotEquals' : 'StringEquals', 'aws:PrincipalAccount', pick([A, B])]);
        break;
      case 8:
        blocks.push(['StringLike', 's3:prefix', chance(0.5) ? pick(['home/alice/*', '2024/*', 'reports/*']) : ['home/alice/*', 'home/bob/*']]);
        break;
      default:
        blocks.push(['NumericLessThan', 's3:max-keys', String(pick([10, 100, 1000]))]);
    }
  }
  const out = {};
  for (const [op, key, value] of blocks) {
    out[op] ??= {};
    out[op][key] = value;
  }
  return out;
}

function actionElement(service) {
  const r = rand();
  if (r < 0.6) return pick(service.patterns);
  if (r < 0.7) return [pick(service.patterns), pick(pickService().patterns)];
  if (r < 0.8) return '*';
  return pick(pickService().patterns); // another service (mostly)
}

function resourceElement(service, resource) {
  const r = rand();
  if (r < 0.65) return pick(service.resourcePatterns(resource));
  if (r < 0.85) return '*';
  const other = pickService();
  return pick(other.resourcePatterns(other.resource(pick(other.actions), A)));
}

function statement(service, action, resource, sid, deny) {
  const effect = deny ? 'Deny' : 'Allow';
  const st = { Sid: sid, Effect: effect };
  if (chance(0.05)) st.NotAction = pick(pickService().patterns);
  else st.Action = actionElement(service);
  if (chance(0.04)) st.NotResource = resourceElement(service, resource);
  else st.Resource = resourceElement(service, resource);
  if (chance(deny ? 0.55 : 0.35)) st.Condition = condition(effect, action);
  return st;
}

function identityPolicy(service, action, resource, name) {
  const statements = [];
  const n = between(1, 6);
  for (let i = 0; i < n; i++) statements.push(statement(service, action, resource, `${name}${i}`, chance(0.22)));
  return { Version: '2012-10-17', Statement: statements };
}

// A resource policy: who it names (the caller, its role, its account, another account, everyone).
function principalElement(principal, callerAccount) {
  const r = rand();
  if (r < 0.3) return { AWS: principal.role ?? principal.arn };
  if (r < 0.5) return { AWS: `arn:aws:iam::${callerAccount}:root` };
  if (r < 0.6) return { AWS: callerAccount };
  if (r < 0.7) return '*';
  if (r < 0.85) return { AWS: `arn:aws:iam::${callerAccount === A ? B : A}:root` };
  return { AWS: pick(PRINCIPALS[pick([A, B])]).arn };
}

function resourcePolicy(service, action, resource, principal, callerAccount, resourceAccount) {
  const statements = [];
  if (service.prefix === 'kms' && chance(0.8)) {
    // The usual first statement of a key policy: the key's account delegates to IAM.
    statements.push({ Sid: 'EnableIAMPolicies', Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${resourceAccount}:root` }, Action: 'kms:*', Resource: '*' });
  }
  const n = between(1, 3);
  for (let i = 0; i < n; i++) {
    const deny = chance(0.2);
    const st = { Sid: `R${i}`, Effect: deny ? 'Deny' : 'Allow', Principal: principalElement(principal, callerAccount) };
    st.Action = chance(0.7) ? pick(service.patterns) : action;
    st.Resource = service.prefix === 'kms' ? '*' : pick(service.resourcePatterns(resource).filter((p) => p.includes(':::') || p.includes(`:${service.prefix}:`)));
    if (chance(deny ? 0.6 : 0.3)) st.Condition = condition(deny ? 'Deny' : 'Allow', action);
    statements.push(st);
  }
  return { Version: '2012-10-17', Statement: statements };
}

const FULL_ACCESS = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
function scps(service) {
  // Two levels: the root (FullAWSAccess, sometimes a guardrail Deny) and an OU (FullAWSAccess or an allow-list).
  const root = [{ name: 'FullAWSAccess', policy: FULL_ACCESS }];
  if (chance(0.6)) {
    const deny = pick([
      { Sid: 'RegionLock', Effect: 'Deny', NotAction: ['iam:*', 'sts:*'], Resource: '*', Condition: { StringNotEquals: { 'aws:RequestedRegion': [REGION] } } },
      { Sid: 'NoTerminate', Effect: 'Deny', Action: 'ec2:TerminateInstances', Resource: '*' },
      { Sid: 'NoDeleteWithoutMfa', Effect: 'Deny', Action: ['s3:DeleteObject', 'dynamodb:DeleteItem'], Resource: '*', Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } } },
      { Sid: 'TlsOnly', Effect: 'Deny', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ]);
    root.push({ name: 'Guardrails', policy: { Version: '2012-10-17', Statement: [deny] } });
  }
  const ou = chance(0.5)
    ? [{ name: 'FullAWSAccess', policy: FULL_ACCESS }]
    : [{ name: 'AllowList', policy: { Version: '2012-10-17', Statement: [{ Sid: 'Allowed', Effect: 'Allow', Action: [pick(service.patterns), 'sqs:*', 'sns:*', pick(['ec2:*', 'kms:*', 'lambda:*'])], Resource: '*' }] } }];
  return [
    { orgIdentifier: 'r-root', policies: root },
    { orgIdentifier: 'ou-abcd-11111111', policies: ou },
  ];
}

function context(action, principal, account) {
  // What AWS always sets for a signed request by a user or a role session (iam-simulate does not
  // derive these; iamplay does, and takes the given ones when present).
  const c = { 'aws:PrincipalArn': principal.role ?? principal.arn, 'aws:PrincipalAccount': account };
  if (principal.name) c['aws:username'] = principal.name;
  if (chance(0.7)) c['aws:PrincipalTag/team'] = pick(TEAMS);
  if (chance(0.85)) c['aws:SourceIp'] = pick(ADDRESSES);
  if (chance(0.75)) c['aws:SecureTransport'] = chance(0.85) ? 'true' : 'false';
  if (chance(0.6)) {
    const mfa = chance(0.6);
    c['aws:MultiFactorAuthPresent'] = String(mfa);
    if (mfa) c['aws:MultiFactorAuthAge'] = String(pick([60, 1200, 7200]));
  }
  if (chance(0.7)) c['aws:RequestedRegion'] = chance(0.85) ? REGION : 'eu-west-1';
  if (action === 's3:ListBucket') {
    if (chance(0.8)) c['s3:prefix'] = pick(['home/alice/', 'home/bob/', '2024/', 'reports/q1']);
    if (chance(0.5)) c['s3:max-keys'] = String(pick([5, 50, 500]));
  }
  return c;
}

// One scenario in a neutral form, converted below to each engine's input.
function generate() {
  const callerAccount = chance(0.8) ? A : B;
  const principal = pick(PRINCIPALS[callerAccount]);
  const service = pickService();
  const action = pick(service.actions);
  const resourceAccount = chance(0.75) ? callerAccount : callerAccount === A ? B : A;
  const resource = service.resource(action, resourceAccount);
  const identity = [];
  const policies = between(1, 3);
  for (let i = 0; i < policies; i++) identity.push({ name: `Policy${i + 1}`, policy: identityPolicy(service, action, resource, `S${i + 1}`) });
  const crossAccount = resourceAccount !== callerAccount;
  const hasResourcePolicy = service.resourcePolicy && (service.prefix === 'kms' ? chance(0.9) : chance(crossAccount ? 0.8 : 0.4));
  return {
    principal,
    callerAccount,
    action,
    resource,
    resourceAccount,
    context: context(action, principal, callerAccount),
    identity,
    resourcePolicy: hasResourcePolicy ? resourcePolicy(service, action, resource, principal, callerAccount, resourceAccount) : undefined,
    boundary: chance(0.1) ? { name: 'Boundary', policy: { Version: '2012-10-17', Statement: [{ Sid: 'Ceiling', Effect: 'Allow', Action: [pick(service.patterns), 'sqs:*'], Resource: '*' }] } } : undefined,
    scps: chance(0.3) ? scps(service) : [],
  };
}

// iamplay's scenario v1 (docs/scenario-format.md). SCPs: one entry per policy and node; without an
// `organization`, the caller's account is a member whose path is the targets in order, then the account.
function toIamplay(s) {
  const policies = s.identity.map((p) => ({ name: p.name, type: 'identity', document: p.policy }));
  if (s.resourcePolicy) policies.push({ name: 'ResourcePolicy', type: 'resource', document: s.resourcePolicy });
  if (s.boundary) policies.push({ name: s.boundary.name, type: 'permissionsBoundary', document: s.boundary.policy });
  for (const level of s.scps) {
    for (const p of level.policies) policies.push({ name: p.name, type: 'scp', target: level.orgIdentifier, document: p.policy });
  }
  return {
    request: { principal: s.principal.arn, action: s.action, resource: s.resource, resourceAccount: s.resourceAccount, context: s.context },
    policies,
  };
}

// iam-simulate's `Simulation` (its README and simulation.d.ts): the SCP levels root first.
function toSimulate(s) {
  const simulation = {
    request: {
      principal: s.principal.arn,
      action: s.action,
      resource: { resource: s.resource, accountId: s.resourceAccount },
      contextVariables: s.context,
    },
    identityPolicies: s.identity,
    serviceControlPolicies: s.scps,
    resourceControlPolicies: [],
  };
  if (s.resourcePolicy) simulation.resourcePolicy = s.resourcePolicy;
  if (s.boundary) simulation.permissionBoundaryPolicies = [s.boundary];
  return simulation;
}

const scenarios = [];
for (let i = 0; i < N; i++) scenarios.push(generate());
const iamplayTexts = scenarios.map((s) => JSON.stringify(toIamplay(s)));
const iamplayObjects = scenarios.map(toIamplay);
const simulations = scenarios.map(toSimulate);

if (WRITE) {
  mkdirSync(WRITE, { recursive: true });
  iamplayTexts.forEach((text, i) => writeFileSync(join(WRITE, `${String(i).padStart(5, '0')}.json`), text));
  const bytes = iamplayTexts.reduce((sum, t) => sum + t.length, 0);
  console.log(`wrote ${N} scenarios (${(bytes / 1e6).toFixed(1)} MB) to ${WRITE}`);
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// The engines

const dist = process.env.IAMPLAY_JS_DIST ?? join(root, 'dist-js');
const iamplay = await import(join(dist, 'node', 'iamplay.js'));
const simulate = await import('@cloud-copilot/iam-simulate');
const SIM_DECISION = { Allowed: 'allowed', ExplicitlyDenied: 'explicitDeny', ImplicitlyDenied: 'implicitDeny' };

// ---------------------------------------------------------------------------------------------
// Agreement

const iamplayDecisions = iamplayTexts.map((t) => iamplay.analyze(t).decision);
const simulateDecisions = [];
const simulateErrors = [];
for (let i = 0; i < N; i++) {
  const result = await simulate.runSimulation(simulations[i], {});
  if (result.resultType === 'error') {
    simulateErrors.push([i, JSON.stringify(result.errors)]);
    simulateDecisions.push(null);
  } else {
    simulateDecisions.push(SIM_DECISION[result.overallResult] ?? result.overallResult);
  }
}
// runUnsafeSimulation (no validation, synchronous) loads the resource policy without a name and then
// throws reading it (0.1.173): it is tried here, and timed only on the scenarios it can decide.
const unsafeDecisions = simulations.map((s) => {
  try {
    return SIM_DECISION[simulate.runUnsafeSimulation(s, {})];
  } catch (e) {
    return `throws ${e.constructor.name}`;
  }
});
const iamplayErrors = iamplayObjects.length - iamplayDecisions.filter((d) => d !== null).length;

const counts = (xs) => xs.reduce((m, x) => ((m[x] = (m[x] ?? 0) + 1), m), {});
let same3 = 0;
let same2 = 0;
const disagreements = [];
for (let i = 0; i < N; i++) {
  const a = iamplayDecisions[i];
  const b = simulateDecisions[i];
  if (a === b) same3++;
  if ((a === 'allowed') === (b === 'allowed')) same2++;
  if (a !== b) disagreements.push(i);
}
const unsafeThrows = unsafeDecisions.filter((d) => d.startsWith('throws')).length;
const unsafeSame = unsafeDecisions.filter((d, i) => d === simulateDecisions[i]).length;
const pct = (x) => `${((100 * x) / N).toFixed(2)}%`;
console.log(`${N} scenarios (seed ${SEED}): iamplay ${JSON.stringify(counts(iamplayDecisions))}; iam-simulate ${JSON.stringify(counts(simulateDecisions))}`);
console.log(`iamplay: ${iamplayErrors} without a decision; iam-simulate: ${simulateErrors.length} refused${simulateErrors.length ? ` (first: #${simulateErrors[0][0]} ${simulateErrors[0][1].slice(0, 300)})` : ''}`);
console.log(`agreement: ${same3}/${N} (${pct(same3)}) on the decision, ${same2}/${N} (${pct(same2)}) on allowed vs denied`);
console.log(`runUnsafeSimulation: throws on ${unsafeThrows}/${N} (those with a resource policy); agrees with runSimulation on ${unsafeSame}/${N - unsafeThrows} of the others`);
if (disagreements.length) {
  const kinds = counts(disagreements.map((i) => `${iamplayDecisions[i]} vs ${simulateDecisions[i]}`));
  console.log(`disagreements (iamplay vs iam-simulate): ${JSON.stringify(kinds)}`);
  // The ambiguity notes (docs/decisions.md) iamplay's trace carries for them.
  const notes = counts(disagreements.flatMap((i) => [...new Set(iamplay.analyze(iamplayTexts[i]).trace.notes.map((n) => n.id))]));
  console.log(`iamplay's notes on them (docs/decisions.md): ${JSON.stringify(notes)}`);
  console.log(`first: ${disagreements.slice(0, 10).map((i) => `#${i}`).join(' ')}`);
}
if (DISAGREEMENTS) {
  const entry = (i) => ({
    index: i,
    iamplay: iamplayDecisions[i],
    iamplayNotes: iamplay.analyze(iamplayTexts[i]).trace.notes.map((n) => n.id),
    runSimulation: simulateDecisions[i],
    runUnsafeSimulation: unsafeDecisions[i],
    scenario: iamplayObjects[i],
    simulation: simulations[i],
  });
  const unsafeOnly = unsafeDecisions.flatMap((d, i) => (d.startsWith('throws') || d === simulateDecisions[i] ? [] : [i]));
  const out = { disagreements: disagreements.map(entry), unsafeDiffersFromRunSimulation: unsafeOnly.map(entry) };
  writeFileSync(DISAGREEMENTS, JSON.stringify(out, null, 2));
  console.log(`wrote ${disagreements.length} disagreements (and ${unsafeOnly.length} where the two iam-simulate calls differ) to ${DISAGREEMENTS}`);
}
if (!TIME) process.exit(0);

// ---------------------------------------------------------------------------------------------
// Timing: alternating rounds, each over all N scenarios (`set: 'all'`). runUnsafeSimulation cannot
// decide the scenarios with a resource policy (above), so it is timed on the others (`set: 'no
// resource policy'`), next to iamplay's decide() on the same ones; ratios compare runs of one set.

const noResourcePolicy = scenarios.flatMap((s, i) => (s.resourcePolicy ? [] : [i]));
const subsetTexts = noResourcePolicy.map((i) => iamplayTexts[i]);
const subsetSimulations = noResourcePolicy.map((i) => simulations[i]);
const countAllowed = (xs, f) => {
  let allowed = 0;
  for (const x of xs) if (f(x) === 'allowed') allowed++;
  return allowed;
};
const runs = [
  { name: 'iamplay analyze(text)', set: 'all', count: N, run: () => countAllowed(iamplayTexts, (t) => iamplay.analyze(t).decision) },
  { name: 'iamplay decide(text)', set: 'all', count: N, run: () => countAllowed(iamplayTexts, iamplay.decide) },
  { name: 'iamplay decide(object)', set: 'all', count: N, run: () => countAllowed(iamplayObjects, iamplay.decide) },
  {
    name: 'iam-simulate runSimulation',
    set: 'all',
    count: N,
    run: async () => {
      let allowed = 0;
      for (const s of simulations) if ((await simulate.runSimulation(s, {})).overallResult === 'Allowed') allowed++;
      return allowed;
    },
  },
  { name: 'iamplay decide(text)', set: 'no resource policy', count: subsetTexts.length, run: () => countAllowed(subsetTexts, iamplay.decide) },
  {
    name: 'iam-simulate runUnsafeSimulation',
    set: 'no resource policy',
    count: subsetSimulations.length,
    run: () => countAllowed(subsetSimulations, (s) => SIM_DECISION[simulate.runUnsafeSimulation(s, {})]),
  },
];
if (PROFILE) {
  // The parts of a call: the raw wasm-bindgen module (JSON text in and out) and the JavaScript around it.
  const raw = createRequire(import.meta.url)(join(dist, 'node', 'iamplay_wasm.cjs'));
  const outputs = iamplayTexts.map((t) => raw.analyze(t));
  runs.push(
    { name: 'iamplay part: wasm analyze (JSON text out, not parsed)', set: 'all', count: N, run: () => countAllowed(iamplayTexts, (t) => (raw.analyze(t).length > 0 ? 'allowed' : '')) },
    { name: "iamplay part: JSON.parse of analyze's output", set: 'all', count: N, run: () => countAllowed(outputs, (o) => JSON.parse(o).decision) },
    { name: 'iamplay part: wasm decide (JSON text out)', set: 'all', count: N, run: () => countAllowed(iamplayTexts, (t) => JSON.parse(raw.decide(t))) },
    { name: 'iamplay part: JSON.stringify(object, null, 2)', set: 'all', count: N, run: () => countAllowed(iamplayObjects, (o) => (JSON.stringify(o, null, 2).length > 0 ? 'allowed' : '')) },
  );
}
runs.forEach((r) => (r.label = r.set === 'all' ? r.name : `${r.name} [${r.set}]`));
const timed = runs.filter((r) => !r.name.startsWith('iamplay decide') || typeof iamplay.decide === 'function');

const cpu = cpus()[0]?.model ?? 'unknown CPU';
console.log(`\nnode ${process.version}, ${cpus().length} cores (${cpu}); a warm-up round then ${ROUNDS} rounds of each, alternating`);
console.log(`sets: all = ${N} scenarios; no resource policy = ${subsetTexts.length} of them`);
for (const r of timed) r.times = [];
for (let round = 0; round <= ROUNDS; round++) {
  const line = [];
  for (const r of timed) {
    const start = performance.now();
    const allowed = await r.run();
    const ms = performance.now() - start;
    if (round > 0) r.times.push(ms);
    line.push(`${r.label} ${ms.toFixed(0)} ms (${allowed} allowed)`);
  }
  console.log(`${round === 0 ? 'warm-up' : `round ${round}`}: ${line.join('; ')}`);
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
for (const r of timed) r.rate = (r.count * 1000) / median(r.times);
console.log('\nmedians (decisions per second; µs per decision; fastest round in µs per decision; each round in ms):');
for (const r of timed) {
  const best = (Math.min(...r.times) * 1000) / r.count;
  console.log(`  ${r.label.padEnd(56)} ${Math.round(r.rate).toString().padStart(8)} /s  ${(1e6 / r.rate).toFixed(1).padStart(7)} µs  ${best.toFixed(1).padStart(7)} µs  [${r.times.map((t) => t.toFixed(0)).join(', ')}]`);
}
// The ratio of the medians, and the median of each round's ratio (the two runs of a round ran
// back to back, under the same load from the rest of the machine).
console.log('\nratios (iamplay decisions per second / iam-simulate decisions per second, same set): of the medians; median of the rounds\' [each round]');
for (const a of timed.filter((r) => r.name.startsWith('iamplay') && !r.name.startsWith('iamplay part'))) {
  for (const b of timed.filter((r) => r.name.startsWith('iam-simulate') && r.set === a.set)) {
    const perRound = a.times.map((t, i) => (b.times[i] / b.count) / (t / a.count));
    console.log(`  ${a.label} vs ${b.name}: ${(a.rate / b.rate).toFixed(2)}×; ${median(perRound).toFixed(2)}× [${perRound.map((x) => x.toFixed(2)).join(', ')}]`);
  }
}
