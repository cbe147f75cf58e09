//! The registry of diagnostic codes: every code iamplay emits, with its severity and where it is
//! documented, written once in the table below. `docs/diagnostics.md` documents each one; a tidy
//! test keeps the two in step.
//!
//! A [`Code`] is an enum, so an unregistered code cannot be built; it is serialized as its name
//! (`"MISSING_EFFECT"`), the string the JSON output, the corpora and the JavaScript types carry.

use serde::Serialize;

use crate::diagnostic::Severity;

/// Where a code is described beyond `docs/diagnostics.md`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CodeDoc {
    /// One of AWS IAM Access Analyzer's issue codes: its policy-check reference has a section.
    AccessAnalyzer,
    /// iamplay's own code.
    Iamplay,
}

macro_rules! codes {
    ($($code:ident: $severity:ident $doc:ident),* $(,)?) => {
        /// A diagnostic code: an AWS IAM Access Analyzer issue code where one exists, iamplay's own
        /// otherwise (`docs/diagnostics.md`). Serialized as its name, `"MISSING_EFFECT"`.
        #[expect(non_camel_case_types, reason = "each variant is its code as written in JSON and in the docs: `MISSING_EFFECT`")]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        pub enum Code {
            $($code),*
        }

        impl Code {
            /// Every code, in the registry's order.
            pub const ALL: &'static [Code] = &[$(Code::$code),*];

            /// The code as written in JSON and in the docs: `"MISSING_EFFECT"`.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $(Code::$code => stringify!($code)),*
                }
            }

            /// The severity of every diagnostic with this code.
            pub const fn severity(self) -> Severity {
                match self {
                    $(Code::$code => Severity::$severity),*
                }
            }

            /// Whether the code is Access Analyzer's or iamplay's own.
            pub const fn doc(self) -> CodeDoc {
                match self {
                    $(Code::$code => CodeDoc::$doc),*
                }
            }
        }
    };
}

codes! {
    // Structure
    JSON_SYNTAX_ERROR: Error AccessAnalyzer,
    MISSING_STATEMENT: Error AccessAnalyzer,
    MISSING_EFFECT: Error AccessAnalyzer,
    INVALID_EFFECT: Error AccessAnalyzer,
    MISSING_ACTION: Error AccessAnalyzer,
    MISSING_RESOURCE: Error AccessAnalyzer,
    MISSING_PRINCIPAL: Error AccessAnalyzer,
    INVALID_POLICY_ELEMENT: Error AccessAnalyzer,
    DUPLICATE_ELEMENT: Error Iamplay,
    DATA_TYPE_MISMATCH: Error AccessAnalyzer,
    UNSUPPORTED_ELEMENT_COMBINATION: Error AccessAnalyzer,
    INVALID_VERSION: Error AccessAnalyzer,
    MISSING_VERSION: Warning AccessAnalyzer,
    UNIQUE_SIDS_REQUIRED: Error AccessAnalyzer,
    UNSUPPORTED_SID: Error AccessAnalyzer,
    EMPTY_SID_VALUE: Suggestion AccessAnalyzer,
    DUPLICATE_KEYS_WITH_DIFFERENT_CASE: Error AccessAnalyzer,
    // Actions
    INVALID_ACTION_FORMAT: Error Iamplay,
    WILDCARD_IN_SERVICE_NAME: Suggestion AccessAnalyzer,
    EMPTY_ARRAY_ACTION: Suggestion AccessAnalyzer,
    // Resources
    INVALID_ARN_PREFIX: Error AccessAnalyzer,
    MISSING_ARN_FIELD: Error AccessAnalyzer,
    EMPTY_ARRAY_RESOURCE: Suggestion AccessAnalyzer,
    // Principals
    UNSUPPORTED_PRINCIPAL: Error AccessAnalyzer,
    INVALID_PRINCIPAL_KEY: Error AccessAnalyzer,
    INVALID_PRINCIPAL_FORMAT: Error AccessAnalyzer,
    UNSUPPORTED_WILDCARD_IN_PRINCIPAL: Error AccessAnalyzer,
    EMPTY_ARRAY_PRINCIPAL: Suggestion AccessAnalyzer,
    EMPTY_OBJECT_PRINCIPAL: Suggestion AccessAnalyzer,
    // Conditions
    INVALID_CONDITION_OPERATOR: Error AccessAnalyzer,
    NULL_WITH_IF_EXISTS: Error AccessAnalyzer,
    NULL_WITH_QUALIFIER: Suggestion AccessAnalyzer,
    MISSING_QUALIFIER: Error AccessAnalyzer,
    FORALLVALUES_WITH_SINGLE_VALUED_KEY: SecurityWarning AccessAnalyzer,
    INVALID_CONDITION_MULTIPLE_BOOLEAN: Error AccessAnalyzer,
    TYPE_MISMATCH_IP_RANGE: Error AccessAnalyzer,
    TYPE_MISMATCH_DATE: Warning AccessAnalyzer,
    TYPE_MISMATCH_NUMBER: Warning AccessAnalyzer,
    TYPE_MISMATCH_BOOLEAN: Warning AccessAnalyzer,
    INVALID_DATE_VALUE: Warning AccessAnalyzer,
    WILDCARD_WITHOUT_LIKE_OPERATOR: Warning AccessAnalyzer,
    IMPROVE_IP_RANGE: Suggestion AccessAnalyzer,
    PRIVATE_IP_ADDRESS: Error AccessAnalyzer,
    PRIVATE_NOT_IP_ADDRESS: Error AccessAnalyzer,
    EMPTY_ARRAY_CONDITION: Suggestion AccessAnalyzer,
    EMPTY_OBJECT_CONDITION: Suggestion AccessAnalyzer,
    STRING_LIKE_OPERATOR_WITH_ARN_CONDITION_KEYS: SecurityWarning AccessAnalyzer,
    // Variables
    INVALID_VARIABLE_FOR_OPERATOR: Error AccessAnalyzer,
    VARIABLE_UNSUPPORTED_IN_ELEMENT: Error AccessAnalyzer,
    VARIABLE_UNSUPPORTED_IN_VERSION: Error AccessAnalyzer,
    MISSING_BRACE_IN_VARIABLE: Error AccessAnalyzer,
    EMPTY_VARIABLE: Error AccessAnalyzer,
    MISSING_QUOTE_IN_VARIABLE: Error AccessAnalyzer,
    UNSUPPORTED_SPACE_IN_VARIABLE: Error AccessAnalyzer,
    // Policy types
    SCP_SYNTAX_ERROR_PRINCIPAL: Error AccessAnalyzer,
    SCP_SYNTAX_ERROR_ACTION_WILDCARD: Error AccessAnalyzer,
    RCP_SYNTAX_ERROR_PRINCIPAL: Error AccessAnalyzer,
    RCP_SYNTAX_ERROR_ALLOW: Error AccessAnalyzer,
    RCP_SYNTAX_ERROR_NOTACTION: Error AccessAnalyzer,
    VPC_ENDPOINT_POLICY_NOT_PRINCIPAL: Warning Iamplay,
    VPC_ENDPOINT_POLICY_ID_KEY_OPERATOR: Error Iamplay,
    VPC_ENDPOINT_POLICY_SHORT_WILDCARD: Error Iamplay,
    VPC_ENDPOINT_POLICY_MIXED_ACCOUNT: Error Iamplay,
    ROLE_TRUST_POLICY_UNSUPPORTED_WILDCARD_IN_PRINCIPAL: Error AccessAnalyzer,
    // Role trust policies (a resource policy recognised as one: docs/decisions.md A23)
    ROLE_TRUST_POLICY_SYNTAX_ERROR_NOTPRINCIPAL: Error AccessAnalyzer,
    ROLE_TRUST_POLICY_SYNTAX_ERROR_RESOURCE: Error AccessAnalyzer,
    UNSUPPORTED_ACTION_IN_POLICY: Error AccessAnalyzer,
    INVALID_FEDERATED_PRINCIPAL_SYNTAX_IN_ROLE_TRUST_POLICY: Error AccessAnalyzer,
    // Size
    POLICY_SIZE_EXCEEDS_IDENTITY_POLICY_QUOTA: Warning AccessAnalyzer,
    POLICY_SIZE_EXCEEDS_RESOURCE_POLICY_QUOTA: Warning AccessAnalyzer,
    POLICY_SIZE_EXCEEDS_ROLE_TRUST_POLICY_QUOTA: Warning AccessAnalyzer,
    POLICY_SIZE_EXCEEDS_SESSION_POLICY_QUOTA: Error Iamplay,
    POLICY_SIZE_EXCEEDS_SCP_QUOTA: Error AccessAnalyzer,
    POLICY_SIZE_EXCEEDS_RCP_QUOTA: Error AccessAnalyzer,
    POLICY_SIZE_EXCEEDS_VPC_ENDPOINT_POLICY_QUOTA: Error Iamplay,
    // Over-grants
    ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES: SecurityWarning Iamplay,
    PASS_ROLE_WITH_STAR_IN_RESOURCE: SecurityWarning AccessAnalyzer,
    PASS_ROLE_WITH_STAR_IN_ACTION_AND_RESOURCE: SecurityWarning AccessAnalyzer,
    ALLOW_WITH_NOT_ACTION: SecurityWarning Iamplay,
    ALLOW_WITH_NOT_RESOURCE: SecurityWarning Iamplay,
    ALLOW_WITH_NOT_PRINCIPAL: SecurityWarning AccessAnalyzer,
    // Request
    INVALID_REQUEST_PRINCIPAL: Error Iamplay,
    INVALID_REQUEST_ACTION: Error Iamplay,
    INVALID_REQUEST_RESOURCE: Error Iamplay,
    INVALID_REQUEST_ACCOUNT: Error Iamplay,
    INVALID_REQUEST_SIZE: Error Iamplay,
    INVALID_SCENARIO: Error Iamplay,
    // Service catalog (docs/catalog.md): only with a catalog (`analyze` with `Options::catalog`, `lint_policy_with_catalog`)
    INVALID_SERVICE_IN_ACTION: Error AccessAnalyzer,
    INVALID_ACTION: Error AccessAnalyzer,
    ACTION_PATTERN_MATCHES_NOTHING: Error Iamplay,
    RESOURCE_SERVICE_MISMATCH: Warning Iamplay,
    INVALID_GLOBAL_CONDITION_KEY: Error AccessAnalyzer,
    INVALID_SERVICE_CONDITION_KEY: Error AccessAnalyzer,
    CONDITION_KEY_UNSUPPORTED_BY_ACTIONS: Warning Iamplay,
    TYPE_MISMATCH: Warning AccessAnalyzer,
}

impl Code {
    /// The registered code with this name, if any.
    pub fn parse(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }

    /// Whether this is one of AWS Access Analyzer's issue codes.
    pub const fn is_access_analyzer(self) -> bool {
        matches!(self.doc(), CodeDoc::AccessAnalyzer)
    }

    /// The anchor of this code's section in Access Analyzer's policy-check reference
    /// (`access-analyzer-reference-policy-checks-error-invalid-condition-operator`), for Access
    /// Analyzer codes.
    pub fn doc_anchor(self) -> Option<String> {
        let severity = match self.severity() {
            Severity::Error => "error",
            Severity::SecurityWarning => "security-warning",
            Severity::Warning => "general-warning",
            Severity::Suggestion => "suggestion",
        };
        self.is_access_analyzer().then(|| {
            format!(
                "access-analyzer-reference-policy-checks-{severity}-{}",
                self.as_str().to_ascii_lowercase().replace('_', "-")
            )
        })
    }

    /// The Access Analyzer "learn more" page for this code, when the code is Access Analyzer's.
    pub fn learn_more(self) -> Option<String> {
        self.doc_anchor().map(|anchor| {
            format!("https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#{anchor}")
        })
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn names_round_trip_and_unknown_names_are_none() {
        for code in Code::ALL {
            assert_eq!(Code::parse(code.as_str()), Some(*code));
        }
        assert_eq!(Code::parse("NOT_A_CODE"), None);
        assert_eq!(Code::parse("missing_effect"), None);
    }

    #[test]
    fn access_analyzer_codes_link_to_their_section() {
        assert_eq!(
            Code::INVALID_CONDITION_OPERATOR.learn_more().as_deref(),
            Some("https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html#access-analyzer-reference-policy-checks-error-invalid-condition-operator")
        );
        assert_eq!(Code::ALLOW_ALL_ACTIONS_ON_ALL_RESOURCES.learn_more(), None);
    }
}
