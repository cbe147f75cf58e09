//! The registry of diagnostic codes: every code iamplay emits, its severity, and whether it is an
//! AWS IAM Access Analyzer issue code. `docs/diagnostics.md` documents each one; a tidy test keeps the
//! two in step.

use crate::diagnostic::Severity;
use Severity::{Error as E, SecurityWarning as S, Suggestion as G, Warning as W};

/// `(code, severity, is an Access Analyzer code)`.
pub const CODES: &[(&str, Severity, bool)] = &[
    // Structure
    ("JSON_SYNTAX_ERROR", E, true),
    ("MISSING_STATEMENT", E, true),
    ("MISSING_EFFECT", E, true),
    ("INVALID_EFFECT", E, true),
    ("MISSING_ACTION", E, true),
    ("MISSING_RESOURCE", E, true),
    ("MISSING_PRINCIPAL", E, true),
    ("INVALID_POLICY_ELEMENT", E, true),
    ("DUPLICATE_ELEMENT", E, false),
    ("DATA_TYPE_MISMATCH", E, true),
    ("UNSUPPORTED_ELEMENT_COMBINATION", E, true),
    ("INVALID_VERSION", E, true),
    ("MISSING_VERSION", W, true),
    ("UNIQUE_SIDS_REQUIRED", E, true),
    ("UNSUPPORTED_SID", E, true),
    ("EMPTY_SID_VALUE", G, true),
    ("DUPLICATE_KEYS_WITH_DIFFERENT_CASE", E, true),
    // Actions
    ("INVALID_ACTION_FORMAT", E, false),
    ("WILDCARD_IN_SERVICE_NAME", G, true),
    ("EMPTY_ARRAY_ACTION", G, true),
    // Resources
    ("INVALID_ARN_PREFIX", E, true),
    ("MISSING_ARN_FIELD", E, true),
    ("EMPTY_ARRAY_RESOURCE", G, true),
    // Principals
    ("UNSUPPORTED_PRINCIPAL", E, true),
    ("INVALID_PRINCIPAL_KEY", E, true),
    ("INVALID_PRINCIPAL_FORMAT", E, true),
    ("UNSUPPORTED_WILDCARD_IN_PRINCIPAL", E, true),
    ("EMPTY_ARRAY_PRINCIPAL", G, true),
    ("EMPTY_OBJECT_PRINCIPAL", G, true),
    // Conditions
    ("INVALID_CONDITION_OPERATOR", E, true),
    ("NULL_WITH_IF_EXISTS", E, true),
    ("NULL_WITH_QUALIFIER", G, true),
    ("MISSING_QUALIFIER", E, true),
    ("FORALLVALUES_WITH_SINGLE_VALUED_KEY", S, true),
    ("INVALID_CONDITION_MULTIPLE_BOOLEAN", E, true),
    ("TYPE_MISMATCH_IP_RANGE", E, true),
    ("TYPE_MISMATCH_DATE", W, true),
    ("TYPE_MISMATCH_NUMBER", W, true),
    ("TYPE_MISMATCH_BOOLEAN", W, true),
    ("INVALID_DATE_VALUE", W, true),
    ("WILDCARD_WITHOUT_LIKE_OPERATOR", W, true),
    ("IMPROVE_IP_RANGE", G, true),
    ("PRIVATE_IP_ADDRESS", E, true),
    ("PRIVATE_NOT_IP_ADDRESS", E, true),
    ("EMPTY_ARRAY_CONDITION", G, true),
    ("EMPTY_OBJECT_CONDITION", G, true),
    ("STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS", S, true),
    // Variables
    ("INVALID_VARIABLE_FOR_OPERATOR", E, true),
    ("VARIABLE_UNSUPPORTED_IN_ELEMENT", E, true),
    ("VARIABLE_UNSUPPORTED_IN_VERSION", E, true),
    ("MISSING_BRACE_IN_VARIABLE", E, true),
    ("EMPTY_VARIABLE", E, true),
    ("MISSING_QUOTE_IN_VARIABLE", E, true),
    ("UNSUPPORTED_SPACE_IN_VARIABLE", E, true),
    // Policy types
    ("SCP_SYNTAX_ERROR_PRINCIPAL", E, true),
    ("SCP_SYNTAX_ERROR_ACTION_WILDCARD", E, true),
    ("RCP_SYNTAX_ERROR_PRINCIPAL", E, true),
    ("RCP_SYNTAX_ERROR_ALLOW", E, true),
    ("RCP_SYNTAX_ERROR_NOTACTION", E, true),
    ("VPC_ENDPOINT_POLICY_NOT_PRINCIPAL", W, false),
    ("VPC_ENDPOINT_POLICY_ID_KEY_OPERATOR", E, false),
    ("VPC_ENDPOINT_POLICY_SHORT_WILDCARD", E, false),
    ("VPC_ENDPOINT_POLICY_MIXED_ACCOUNT", E, false),
    (
        "ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL",
        E,
        true,
    ),
    // Role trust policies (a resource policy recognised as one: docs/decisions.md A23)
    ("ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL", E, true),
    ("ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE", E, true),
    ("UNSUPPORTED_ACTION_IN_POLICY", E, true),
    (
        "INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY",
        E,
        true,
    ),
    // Size
    ("POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA", W, true),
    ("POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA", W, true),
    ("POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA", W, true),
    ("POLICY_SIZE_EXCEEDS_SESSION_POLICY_QUOTA", E, false),
    ("POLICY_SIZE_EXCEEDS_SCP_QUOTA", E, true),
    ("POLICY_SIZE_EXCEEDS_RCP_QUOTA", E, true),
    ("POLICY_SIZE_EXCEEDS_VPC_ENDPOINT_POLICY_QUOTA", E, false),
    // Over-grants
    ("ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES", S, false),
    ("PASS_ROLE_WITH_STAR_IN_RESOURCE", S, true),
    ("PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE", S, true),
    ("ALLOW_WITH_NOT_ACTION", S, false),
    ("ALLOW_WITH_NOT_RESOURCE", S, false),
    ("ALLOW_WITH_NOT_PRINCIPAL", S, true),
    // Request
    ("INVALID_REQUEST_PRINCIPAL", E, false),
    ("INVALID_REQUEST_ACTION", E, false),
    ("INVALID_REQUEST_RESOURCE", E, false),
    ("INVALID_REQUEST_ACCOUNT", E, false),
    ("INVALID_REQUEST_SIZE", E, false),
    ("INVALID_SCENARIO", E, false),
    // Service catalog (docs/catalog.md): only with a catalog (`analyze` with `Options::catalog`, `lint_policy_with_catalog`)
    ("INVALID_SERVICE_IN_ACTION", E, true),
    ("INVALID_ACTION", E, true),
    ("ACTION_PATTERN_MATCHES_NOTHING", E, false),
    ("RESOURCE_SERVICE_MISMATCH", W, false),
    ("INVALID_GLOBAL_CONDITION_KEY", E, true),
    ("INVALID_SERVICE_CONDITION_KEY", E, true),
    ("CONDITION_KEY_UNSUPPORTED_BY_ACTIONS", W, false),
    ("TYPE_MISMATCH", W, true),
];

/// The severity registered for `code` (`Error` for an unregistered code, which a test forbids).
pub fn severity(code: &str) -> Severity {
    CODES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, s, _)| *s)
        .unwrap_or(Severity::Error)
}

/// Whether `code` is one of AWS Access Analyzer's issue codes.
pub fn is_access_analyzer(code: &str) -> bool {
    CODES.iter().any(|(c, _, aa)| *c == code && *aa)
}
