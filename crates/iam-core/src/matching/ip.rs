//! IP addresses and CIDR networks for the `IpAddress`/`NotIpAddress`
//! condition operators: a policy value is an IPv4 or IPv6 CIDR block (or a
//! bare address, meaning a /32 or /128) and the request value (for example
//! `aws:SourceIp`) is one address.
//!
//! Follows <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_IPAddress>
//! and the `aws:SourceIp` entry of
//! <https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html>.
//!
//! Host bits after the prefix are ignored when testing containment
//! (`203.0.113.5/24` behaves as `203.0.113.0/24`); [`IpNet::has_host_bits`]
//! lets a validator warn about them. An IPv4-mapped IPv6 address
//! (`::ffff:a.b.c.d`) is contained in an IPv4 network when `a.b.c.d` is.
//! Address syntax is that of [`std::net::Ipv4Addr`] and
//! [`std::net::Ipv6Addr`]; nothing is trimmed, so whitespace is an error.

use std::fmt;
use std::net::{Ipv4Addr, Ipv6Addr};

use super::quote;

/// A CIDR block. `addr` keeps whatever host bits were written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IpNet {
    V4 { addr: u32, prefix: u8 },
    V6 { addr: u128, prefix: u8 },
}

/// One address.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum IpAddr {
    V4(u32),
    V6(u128),
}

fn parse_bare(s: &str) -> Result<IpAddr, String> {
    if let Ok(v4) = s.parse::<Ipv4Addr>() {
        return Ok(IpAddr::V4(u32::from(v4)));
    }
    if let Ok(v6) = s.parse::<Ipv6Addr>() {
        return Ok(IpAddr::V6(u128::from(v6)));
    }
    Err(format!("{} is not an IPv4 or IPv6 address", quote(s)))
}

/// Parses a policy value: `203.0.113.0/24`, `2001:DB8::/32`, or a bare
/// address (a /32 or /128 network).
pub(crate) fn parse_net(s: &str) -> Result<IpNet, String> {
    let Some((addr, prefix)) = s.split_once('/') else {
        return Ok(match parse_bare(s)? {
            IpAddr::V4(addr) => IpNet::V4 { addr, prefix: 32 },
            IpAddr::V6(addr) => IpNet::V6 { addr, prefix: 128 },
        });
    };
    let addr = parse_bare(addr)?;
    let prefix_value =
        if !prefix.is_empty() && prefix.len() <= 3 && prefix.bytes().all(|b| b.is_ascii_digit()) {
            prefix.parse::<u8>().ok()
        } else {
            None
        };
    let Some(prefix_value) = prefix_value else {
        return Err(format!(
            "{} is not a valid prefix length in {}",
            quote(prefix),
            quote(s)
        ));
    };
    match addr {
        IpAddr::V4(addr) if prefix_value <= 32 => Ok(IpNet::V4 {
            addr,
            prefix: prefix_value,
        }),
        IpAddr::V4(_) => Err(format!(
            "prefix length {prefix_value} is too long for IPv4 (0-32)"
        )),
        IpAddr::V6(addr) if prefix_value <= 128 => Ok(IpNet::V6 {
            addr,
            prefix: prefix_value,
        }),
        IpAddr::V6(_) => Err(format!(
            "prefix length {prefix_value} is too long for IPv6 (0-128)"
        )),
    }
}

/// Parses a request value: a bare address, or a CIDR block with the full
/// prefix (`/32` or `/128`), which is read as that address.
pub(crate) fn parse_addr(s: &str) -> Result<IpAddr, String> {
    if !s.contains('/') {
        return parse_bare(s);
    }
    match parse_net(s)? {
        IpNet::V4 { addr, prefix: 32 } => Ok(IpAddr::V4(addr)),
        IpNet::V6 { addr, prefix: 128 } => Ok(IpAddr::V6(addr)),
        IpNet::V4 { prefix, .. } | IpNet::V6 { prefix, .. } => Err(format!(
            "{} is a network (prefix length {prefix}), not a single address",
            quote(s)
        )),
    }
}

fn mask32(prefix: u8) -> u32 {
    u32::MAX
        .checked_shl(32 - u32::from(prefix.min(32)))
        .unwrap_or(0)
}

fn mask128(prefix: u8) -> u128 {
    u128::MAX
        .checked_shl(128 - u32::from(prefix.min(128)))
        .unwrap_or(0)
}

/// The IPv4 address inside an IPv4-mapped IPv6 address (`::ffff:a.b.c.d`).
fn mapped_v4(addr: u128) -> Option<u32> {
    if addr >> 32 == 0xffff {
        u32::try_from(addr & 0xffff_ffff).ok()
    } else {
        None
    }
}

/// `inner` (with prefix `inner_prefix`) lies entirely inside `outer`.
fn inside32(inner: u32, inner_prefix: u8, outer: u32, outer_prefix: u8) -> bool {
    inner_prefix >= outer_prefix && (inner ^ outer) & mask32(outer_prefix) == 0
}

fn inside128(inner: u128, inner_prefix: u8, outer: u128, outer_prefix: u8) -> bool {
    inner_prefix >= outer_prefix && (inner ^ outer) & mask128(outer_prefix) == 0
}

const PRIVATE_V4: [(u32, u8); 5] = [
    (0x0a00_0000, 8),  // 10.0.0.0/8
    (0xac10_0000, 12), // 172.16.0.0/12
    (0xc0a8_0000, 16), // 192.168.0.0/16
    (0x7f00_0000, 8),  // 127.0.0.0/8
    (0xa9fe_0000, 16), // 169.254.0.0/16
];

const PRIVATE_V6: [(u128, u8); 3] = [
    (0xfc00 << 112, 7),  // fc00::/7
    (0xfe80 << 112, 10), // fe80::/10
    (1, 128),            // ::1/128
];

impl IpNet {
    #[cfg(test)]
    pub(crate) fn prefix(&self) -> u8 {
        match self {
            IpNet::V4 { prefix, .. } | IpNet::V6 { prefix, .. } => *prefix,
        }
    }

    /// The same network with its host bits cleared.
    #[cfg(test)]
    pub(crate) fn network(&self) -> IpNet {
        match *self {
            IpNet::V4 { addr, prefix } => IpNet::V4 {
                addr: addr & mask32(prefix),
                prefix,
            },
            IpNet::V6 { addr, prefix } => IpNet::V6 {
                addr: addr & mask128(prefix),
                prefix,
            },
        }
    }

    /// Is `ip` inside this network? Families never mix, except that an
    /// IPv4-mapped IPv6 address is tested against an IPv4 network as its
    /// IPv4 address.
    pub(crate) fn contains(&self, ip: &IpAddr) -> bool {
        match (*self, *ip) {
            (IpNet::V4 { addr, prefix }, IpAddr::V4(a)) => inside32(a, 32, addr, prefix),
            (IpNet::V4 { addr, prefix }, IpAddr::V6(a)) => {
                mapped_v4(a).is_some_and(|a| inside32(a, 32, addr, prefix))
            }
            (IpNet::V6 { addr, prefix }, IpAddr::V6(a)) => inside128(a, 128, addr, prefix),
            (IpNet::V6 { .. }, IpAddr::V4(_)) => false,
        }
    }

    /// True when bits after the prefix are set (`203.0.113.5/24`).
    pub(crate) fn has_host_bits(&self) -> bool {
        match *self {
            IpNet::V4 { addr, prefix } => addr & !mask32(prefix) != 0,
            IpNet::V6 { addr, prefix } => addr & !mask128(prefix) != 0,
        }
    }

    /// True when the whole network lies inside one private, loopback or
    /// link-local range: 10/8, 172.16/12, 192.168/16, 127/8, 169.254/16,
    /// fc00::/7, fe80::/10, ::1/128. An IPv6 network inside
    /// `::ffff:0:0/96` is judged as the IPv4 network it maps.
    pub(crate) fn is_private(&self) -> bool {
        match *self {
            IpNet::V4 { addr, prefix } => PRIVATE_V4
                .iter()
                .any(|&(range, len)| inside32(addr, prefix, range, len)),
            IpNet::V6 { addr, prefix } => {
                if prefix >= 96 {
                    if let Some(v4) = mapped_v4(addr) {
                        return (IpNet::V4 {
                            addr: v4,
                            prefix: prefix - 96,
                        })
                        .is_private();
                    }
                }
                PRIVATE_V6
                    .iter()
                    .any(|&(range, len)| inside128(addr, prefix, range, len))
            }
        }
    }
}

impl fmt::Display for IpAddr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            IpAddr::V4(a) => Ipv4Addr::from(a).fmt(f),
            IpAddr::V6(a) => Ipv6Addr::from(a).fmt(f),
        }
    }
}

impl fmt::Display for IpNet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            IpNet::V4 { addr, prefix } => write!(f, "{}/{prefix}", Ipv4Addr::from(addr)),
            IpNet::V6 { addr, prefix } => write!(f, "{}/{prefix}", Ipv6Addr::from(addr)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn net(s: &str) -> IpNet {
        parse_net(s).unwrap()
    }

    fn addr(s: &str) -> IpAddr {
        parse_addr(s).unwrap()
    }

    #[test]
    fn parse_v4() {
        assert_eq!(
            net("203.0.113.0/24"),
            IpNet::V4 {
                addr: 0xcb00_7100,
                prefix: 24
            }
        );
        assert_eq!(
            net("10.1.2.3"),
            IpNet::V4 {
                addr: 0x0a01_0203,
                prefix: 32
            }
        );
        assert_eq!(net("0.0.0.0/0").prefix(), 0);
        assert_eq!(net("1.2.3.4/032").prefix(), 32);
    }

    #[test]
    fn parse_v6_forms() {
        let expected = IpNet::V6 {
            addr: 0x2001_0db8 << 96,
            prefix: 32,
        };
        assert_eq!(net("2001:DB8::/32"), expected);
        assert_eq!(net("2001:db8::/32"), expected);
        assert_eq!(net("2001:0db8:0000:0000:0000:0000:0000:0000/32"), expected);
        assert_eq!(net("2001:Db8:0:0::0/32"), expected);
        assert_eq!(
            net("::1"),
            IpNet::V6 {
                addr: 1,
                prefix: 128
            }
        );
        assert_eq!(net("::/0"), IpNet::V6 { addr: 0, prefix: 0 });
        assert_eq!(
            net("::ffff:192.0.2.1"),
            IpNet::V6 {
                addr: 0xffff_c000_0201,
                prefix: 128
            }
        );
        assert_eq!(
            addr("2001:DB8:AbCd::1"),
            IpAddr::V6((0x2001_0db8_abcd << 80) | 1)
        );
    }

    #[test]
    fn parse_errors() {
        assert_eq!(
            parse_net("300.1.1.1").unwrap_err(),
            "`300.1.1.1` is not an IPv4 or IPv6 address"
        );
        assert_eq!(
            parse_net("300.1.1.1/8").unwrap_err(),
            "`300.1.1.1` is not an IPv4 or IPv6 address"
        );
        assert_eq!(
            parse_net("10.0.0.0/33").unwrap_err(),
            "prefix length 33 is too long for IPv4 (0-32)"
        );
        assert_eq!(
            parse_net("::/129").unwrap_err(),
            "prefix length 129 is too long for IPv6 (0-128)"
        );
        assert_eq!(
            parse_net("10.0.0.0/x").unwrap_err(),
            "`x` is not a valid prefix length in `10.0.0.0/x`"
        );
        for bad in [
            "",
            " 10.0.0.1",
            "10.0.0.1 ",
            "10.0.0.0/ 8",
            "10.0.0.0/",
            "10.0.0.0/-1",
            "10.0.0.0/+8",
            "10.0.0.0/8/8",
            "10.0.0.0/0008",
            "10.0.0.0/256",
            "10.0.0",
            "1.2.3.4.5",
            "01.2.3.4",
            "2001:db8:::1",
            "2001:db8::g",
            "fe80::1%eth0",
            "[::1]",
            "localhost",
            "/8",
        ] {
            assert!(parse_net(bad).is_err(), "{bad:?} parsed");
            assert!(parse_addr(bad).is_err(), "{bad:?} parsed as address");
        }
    }

    #[test]
    fn parse_request_addresses() {
        assert_eq!(addr("192.0.2.7"), IpAddr::V4(0xc000_0207));
        assert_eq!(addr("192.0.2.7/32"), IpAddr::V4(0xc000_0207));
        assert_eq!(addr("::1/128"), IpAddr::V6(1));
        assert_eq!(
            parse_addr("192.0.2.0/24").unwrap_err(),
            "`192.0.2.0/24` is a network (prefix length 24), not a single address"
        );
        assert!(parse_addr("::/64").is_err());
    }

    #[test]
    fn containment() {
        let n = net("203.0.113.0/24");
        assert!(n.contains(&addr("203.0.113.0")));
        assert!(n.contains(&addr("203.0.113.255")));
        assert!(!n.contains(&addr("203.0.114.0")));
        assert!(!n.contains(&addr("203.0.112.255")));
        // Host bits are ignored.
        assert!(net("203.0.113.5/24").contains(&addr("203.0.113.200")));
        assert!(net("0.0.0.0/0").contains(&addr("255.255.255.255")));
        assert!(net("1.2.3.4").contains(&addr("1.2.3.4")));
        assert!(!net("1.2.3.4").contains(&addr("1.2.3.5")));
        // IPv6.
        let n6 = net("2001:DB8::/32");
        assert!(n6.contains(&addr("2001:db8:1234::1")));
        assert!(n6.contains(&addr("2001:DB8:FFFF:FFFF:FFFF:FFFF:FFFF:FFFF")));
        assert!(!n6.contains(&addr("2001:db9::")));
        assert!(net("::/0").contains(&addr("ffff::1")));
        // Families do not mix...
        assert!(!net("::/0").contains(&addr("10.0.0.1")));
        assert!(!net("0.0.0.0/0").contains(&addr("2001:db8::1")));
        assert!(!net("::ffff:0:0/96").contains(&addr("10.0.0.1")));
        // ...except IPv4-mapped IPv6 addresses in IPv4 networks.
        assert!(net("10.0.0.0/8").contains(&addr("::ffff:10.1.2.3")));
        assert!(net("10.0.0.0/8").contains(&addr("::FFFF:a01:203")));
        assert!(!net("10.0.0.0/8").contains(&addr("::ffff:11.1.2.3")));
        // IPv4-compatible (deprecated ::a.b.c.d) addresses are not mapped.
        assert!(!net("10.0.0.0/8").contains(&addr("::10.1.2.3")));
    }

    #[test]
    fn host_bits() {
        assert!(net("203.0.113.5/24").has_host_bits());
        assert!(!net("203.0.113.0/24").has_host_bits());
        assert!(!net("203.0.113.5").has_host_bits());
        assert!(net("0.0.0.1/0").has_host_bits());
        assert!(!net("0.0.0.0/0").has_host_bits());
        assert!(net("2001:db8::1/64").has_host_bits());
        assert!(!net("2001:db8::/64").has_host_bits());
        assert!(!net("::1").has_host_bits());
        assert_eq!(net("203.0.113.5/24").network(), net("203.0.113.0/24"));
        assert_eq!(net("2001:db8::1/64").network(), net("2001:db8::/64"));
    }

    #[test]
    fn private_ranges() {
        for private in [
            "10.0.0.0/8",
            "10.20.30.0/24",
            "10.1.2.3",
            "172.16.0.0/12",
            "172.31.255.255",
            "192.168.0.0/16",
            "192.168.1.0/24",
            "127.0.0.1",
            "169.254.169.254",
            "10.1.2.3/8",
            "fc00::/7",
            "fd12:3456::/48",
            "fe80::/10",
            "fe80::1",
            "::1",
            "::ffff:10.0.0.0/104",
            "::ffff:192.168.1.1",
        ] {
            assert!(net(private).is_private(), "{private}");
        }
        for public in [
            "0.0.0.0/0",
            "10.0.0.0/7",
            "172.16.0.0/11",
            "172.32.0.0/16",
            "192.169.0.0/16",
            "203.0.113.0/24",
            "8.8.8.8",
            "::/0",
            "fc00::/6",
            "fe80::/9",
            "fec0::/10",
            "2001:db8::/32",
            "::2",
            "::/127",
            "::ffff:8.8.8.8",
            "::ffff:0:0/96",
        ] {
            assert!(!net(public).is_private(), "{public}");
        }
    }

    #[test]
    fn display() {
        assert_eq!(net("203.0.113.5/24").to_string(), "203.0.113.5/24");
        assert_eq!(net("2001:DB8::/32").to_string(), "2001:db8::/32");
        assert_eq!(addr("::ffff:10.0.0.1").to_string(), "::ffff:10.0.0.1");
        assert_eq!(addr("10.0.0.1").to_string(), "10.0.0.1");
    }

    proptest! {
        #[test]
        fn v4_containment_matches_masking(a in any::<u32>(), b in any::<u32>(), prefix in 0u8..=32) {
            let n = IpNet::V4 { addr: a, prefix };
            let expected = prefix == 0 || (a >> (32 - u32::from(prefix))) == (b >> (32 - u32::from(prefix)));
            prop_assert_eq!(n.contains(&IpAddr::V4(b)), expected);
            let mapped = IpAddr::V6(0xffff_0000_0000 | u128::from(b));
            prop_assert_eq!(n.contains(&mapped), expected);
        }

        #[test]
        fn v6_round_trips(a in any::<u128>(), prefix in 0u8..=128) {
            let text = format!("{}/{prefix}", Ipv6Addr::from(a));
            prop_assert_eq!(parse_net(&text), Ok(IpNet::V6 { addr: a, prefix }));
            prop_assert!(parse_net(&text).unwrap().contains(&IpAddr::V6(a)));
        }

        #[test]
        fn never_panics(s in "\\PC{0,40}") {
            let _ = parse_net(&s);
            let _ = parse_addr(&s);
        }

        #[test]
        fn never_panics_near_valid(s in "[0-9a-fA-F:./]{0,24}") {
            if let Ok(n) = parse_net(&s) {
                let _ = n.is_private();
                let _ = n.has_host_bits();
                prop_assert!(n.prefix() <= 128);
            }
        }
    }
}
