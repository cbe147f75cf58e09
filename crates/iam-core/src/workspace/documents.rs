//! A workspace's documents by position — the order of [`Workspace::documents`] — for an editor that
//! shows each document once: change one in place, lint them all, and find which document a policy of
//! a derived scenario came from.

use super::{Document, Workspace};
use crate::{scenario::PolicyInput, Diagnostic, PolicyType};

impl Workspace {
    /// Every document, mutable, in the order of [`Workspace::documents`].
    fn documents_mut(&mut self) -> Vec<&mut Document> {
        let mut out: Vec<&mut Document> =
            self.policies.iter_mut().map(|p| &mut p.document).collect();
        for a in &mut self.accounts {
            for u in &mut a.users {
                out.extend(u.inline.iter_mut().map(|(_, d)| d));
            }
            for g in &mut a.groups {
                out.extend(g.inline.iter_mut().map(|(_, d)| d));
            }
            for r in &mut a.roles {
                out.extend(r.trust.as_mut());
                out.extend(r.inline.iter_mut().map(|(_, d)| d));
            }
            for r in &mut a.resources {
                out.extend(r.policy.as_mut());
            }
        }
        for request in &mut self.requests {
            for hop in &mut request.assume {
                out.extend(hop.session_policy.as_mut());
            }
        }
        out
    }

    /// Document `index` of [`Workspace::documents`], to change its text.
    pub fn document_mut(&mut self, index: usize) -> Option<&mut Document> {
        self.documents_mut().into_iter().nth(index)
    }

    /// Which of [`Workspace::documents`] a policy of a derived scenario ([`Workspace::scenario`],
    /// [`Workspace::run`]) is: the same document under the name the derivation gave it.
    pub fn document_index(&self, policy: &PolicyInput) -> Option<usize> {
        let name = match policy.policy_type {
            PolicyType::PermissionsBoundary => policy
                .name
                .strip_prefix("boundary:")
                .unwrap_or(&policy.name),
            _ => &policy.name,
        };
        self.documents()
            .iter()
            .position(|(d, _)| d.name == name && d.document == policy.document)
    }

    /// Lint every document once, as what the model uses it for (`policy` is the index in
    /// [`Workspace::documents`]); with the catalog, its checks too.
    pub fn lint(&self, catalog: Option<&crate::Catalog>) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for (index, (policy, options)) in self.documents().iter().enumerate() {
            let found = crate::engine::lint_policy_with_options(
                &policy.document,
                policy.policy_type,
                *options,
                catalog,
            );
            out.extend(found.into_iter().map(|mut d| {
                d.policy = Some(index);
                d
            }));
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::indexing_slicing)]
mod tests {
    use crate::parse_workspace;

    const WS: &str = r#"{
      "version": 2,
      "policies": [{"name": "Read", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}},
                   {"name": "Cap", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}},
                   {"name": "All", "document": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}}],
      "accounts": {"111122223333": {
        "blockPublicAccess": {"restrictPublicBuckets": true},
        "users": {"alice": {"groups": ["Dev"], "inline": {"Own": "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Deny\", \"Action\": \"s3:DeleteObject\", \"Resource\": \"*\"}]}"}, "boundary": "Cap"}},
        "groups": {"Dev": {"policies": ["Read"], "inline": {"Team": {"Version": "2012-10-17", "Statement": []}}}},
        "roles": {"Deployer": {"trust": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"}, "Action": "sts:AssumeRole"}]}, "policies": ["Read"]}},
        "resources": {"arn:aws:s3:::photos": {"blockPublicAccess": {"blockPublicPolicy": true}, "policy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*"}]}}}
      }},
      "organization": {"accounts": {"111122223333": "r-root"}, "scps": {"r-root": ["All"]}},
      "requests": [
        {"name": "alice reads", "principal": "arn:aws:iam::111122223333:user/alice", "action": "s3:GetObject", "resource": "arn:aws:s3:::photos/a.jpg", "expect": "allowed"},
        {"name": "via role", "principal": "arn:aws:iam::111122223333:user/alice", "assume": [{"role": "arn:aws:iam::111122223333:role/Deployer", "sessionName": "s", "sessionPolicy": {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}, "tags": {"team": "red"}}], "action": "s3:GetObject", "resource": "arn:aws:s3:::photos/a.jpg", "context": {"aws:SourceIp": "10.0.0.1", "aws:TagKeys": ["a", "b"]}}
      ]
    }"#;

    #[test]
    fn documents_mut_follows_documents() {
        let mut ws = parse_workspace(WS).unwrap();
        let texts: Vec<String> = ws
            .documents()
            .into_iter()
            .map(|(p, _)| p.document)
            .collect();
        assert_eq!(texts.len(), 8);
        let mutable: Vec<String> = ws.documents_mut().iter().map(|d| d.text.clone()).collect();
        assert_eq!(texts, mutable);
        ws.document_mut(4).unwrap().text = "{}".into();
        assert_eq!(ws.documents()[4].0.document, "{}");
        assert!(ws.document_mut(8).is_none());
    }

    #[test]
    fn every_derived_policy_has_its_document() {
        let ws = parse_workspace(WS).unwrap();
        let documents = ws.documents();
        for index in 0..ws.requests.len() {
            for step in ws.run(index, None).unwrap().steps {
                for p in &step.scenario.policies {
                    let i = ws.document_index(p).unwrap_or_else(|| panic!("{}", p.name));
                    assert_eq!(documents[i].0.document, p.document, "{}", p.name);
                }
            }
        }
    }

    #[test]
    fn lint_numbers_the_documents() {
        let ws = parse_workspace(WS).unwrap();
        let diagnostics = ws.lint(None);
        assert!(diagnostics.iter().all(|d| d.policy.is_some_and(|i| i < 8)));
        // The group's inline policy (after the three managed ones and alice's) has no statement.
        assert!(diagnostics
            .iter()
            .any(|d| d.policy == Some(4) && d.code == crate::Code::MISSING_STATEMENT));
    }

    #[test]
    fn writes_what_it_reads() {
        let ws = parse_workspace(WS).unwrap();
        let again = parse_workspace(&ws.to_json()).unwrap();
        let strip = |mut w: crate::Workspace| {
            for d in w.documents_mut() {
                d.file_offset = None;
            }
            w
        };
        assert_eq!(strip(again.clone()), strip(ws));
        assert_eq!(
            parse_workspace(&again.to_json()).unwrap().to_json(),
            again.to_json()
        );
    }
}
