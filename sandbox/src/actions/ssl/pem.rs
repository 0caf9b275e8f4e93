//! Certificate material that looks real but is not: the sandbox does no cryptography.
//!
//! CSRs, keys and certificates are structurally valid DER (the ASN.1 layout of PKCS#10,
//! PKCS#8, X.509, PKCS#7), so tools that only parse them (`openssl req -text -noout`,
//! `openssl x509 -text`) can read their subject and names; but the key numbers and the
//! signatures are pseudo-random bytes derived from the content, so nothing verifies. The
//! fingerprints are derived the same way and are not real hashes. Everything is
//! deterministic: the same certificate (same revision) always gives the same bytes.
//!
//! Reading a CSR works on real ones too: the subject attributes are found by their object
//! identifiers in the DER.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::NaiveDate;

/// The subject fields of a CSR.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Subject {
    /// CommonName.
    pub common_name: String,
    /// Organisation.
    pub organization: String,
    /// Organisational unit.
    pub organizational_unit: String,
    /// Country code.
    pub country: String,
    /// State or province.
    pub state: String,
    /// Locality.
    pub locality: String,
    /// E-mail address.
    pub email: String,
}

const OID_CN: &[u8] = &[0x55, 0x04, 0x03];
const OID_C: &[u8] = &[0x55, 0x04, 0x06];
const OID_L: &[u8] = &[0x55, 0x04, 0x07];
const OID_ST: &[u8] = &[0x55, 0x04, 0x08];
const OID_O: &[u8] = &[0x55, 0x04, 0x0a];
const OID_OU: &[u8] = &[0x55, 0x04, 0x0b];
const OID_EMAIL: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x01];
const OID_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];
const OID_SHA256_RSA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0b];
const OID_SAN: &[u8] = &[0x55, 0x1d, 0x11];
const OID_PKCS7_DATA: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01];
const OID_PKCS7_SIGNED: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

const SEQUENCE: u8 = 0x30;
const SET: u8 = 0x31;
const INTEGER: u8 = 0x02;
const BIT_STRING: u8 = 0x03;
const OCTET_STRING: u8 = 0x04;
const NULL: u8 = 0x05;
const OID: u8 = 0x06;
const UTF8: u8 = 0x0c;
const PRINTABLE: u8 = 0x13;
const IA5: u8 = 0x16;
const UTC_TIME: u8 = 0x17;

/// One DER element: tag, length, body.
fn tlv(tag: u8, body: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = body.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes = n.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        out.push(0x80 | (bytes.len() - skip) as u8);
        out.extend_from_slice(&bytes[skip..]);
    }
    out.extend_from_slice(body);
    out
}

fn seq(parts: &[Vec<u8>]) -> Vec<u8> {
    tlv(SEQUENCE, &parts.concat())
}

/// A positive INTEGER from big-endian bytes (a leading zero keeps it positive).
fn uint(bytes: &[u8]) -> Vec<u8> {
    let mut body = Vec::with_capacity(bytes.len() + 1);
    if bytes.first().is_some_and(|b| b & 0x80 != 0) {
        body.push(0);
    }
    body.extend_from_slice(bytes);
    tlv(INTEGER, &body)
}

fn algorithm(oid: &[u8]) -> Vec<u8> {
    seq(&[tlv(OID, oid), tlv(NULL, &[])])
}

/// A distinguished name; empty values are left out.
fn name(attrs: &[(&[u8], u8, &str)]) -> Vec<u8> {
    let rdns: Vec<Vec<u8>> = attrs
        .iter()
        .filter(|(_, _, v)| !v.is_empty())
        .map(|(oid, tag, v)| tlv(SET, &seq(&[tlv(OID, oid), tlv(*tag, v.as_bytes())])))
        .collect();
    seq(&rdns)
}

fn subject_name(s: &Subject) -> Vec<u8> {
    name(&[
        (OID_C, PRINTABLE, &s.country),
        (OID_ST, UTF8, &s.state),
        (OID_L, UTF8, &s.locality),
        (OID_O, UTF8, &s.organization),
        (OID_OU, UTF8, &s.organizational_unit),
        (OID_CN, UTF8, &s.common_name),
        (OID_EMAIL, IA5, &s.email),
    ])
}

/// Pseudo-random bytes from a seed text (FNV-1a to seed, SplitMix64 to stretch); not
/// cryptographic, only stable.
pub fn noise(seed: &str, len: usize) -> Vec<u8> {
    let mut state = seed.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    let mut out = Vec::with_capacity(len + 8);
    while out.len() < len {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        out.extend_from_slice(&(z ^ (z >> 31)).to_be_bytes());
    }
    out.truncate(len);
    out
}

/// Hex text of pseudo-random bytes, lower case.
pub fn hex(seed: &str, len: usize) -> String {
    noise(seed, len)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Colon-separated upper-case hex of pseudo-random bytes (a fake fingerprint).
pub fn fingerprint(seed: &str, len: usize) -> String {
    noise(seed, len)
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// An RSA-2048-shaped public key (modulus and exponent 65537) from a seed.
fn public_key(seed: &str) -> Vec<u8> {
    let mut modulus = noise(&format!("modulus:{seed}"), 256);
    if let Some(first) = modulus.first_mut() {
        *first |= 0x80;
    }
    let key = seq(&[uint(&modulus), uint(&[0x01, 0x00, 0x01])]);
    let mut bits = vec![0u8];
    bits.extend_from_slice(&key);
    seq(&[algorithm(OID_RSA), tlv(BIT_STRING, &bits)])
}

fn signature(seed: &str) -> Vec<u8> {
    let mut bits = vec![0u8];
    bits.extend(noise(&format!("signature:{seed}"), 256));
    tlv(BIT_STRING, &bits)
}

/// PEM text: base64 in lines of 64 between BEGIN and END lines.
pub fn pem(label: &str, der: &[u8]) -> String {
    let b64 = STANDARD.encode(der);
    let mut out = format!("-----BEGIN {label}-----\n");
    for chunk in b64.as_bytes().chunks(64) {
        out.push_str(&String::from_utf8_lossy(chunk));
        out.push('\n');
    }
    out.push_str(&format!("-----END {label}-----"));
    out
}

/// The DER inside PEM text (any label), if it is PEM.
pub fn unpem(text: &str) -> Option<Vec<u8>> {
    let text = text.replace("\\/", "/").replace("\\n", "\n");
    let start = text.find("-----BEGIN ")?;
    let body_start = start + text.get(start..)?.find('\n')? + 1;
    let end = body_start + text.get(body_start..)?.find("-----END ")?;
    let body: String = text
        .get(body_start..end)?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    STANDARD.decode(body).ok()
}

/// A CSR (PKCS#10 layout) for a subject, with the public key of `key_seed`.
pub fn csr(subject: &Subject, key_seed: &str) -> String {
    let info = seq(&[
        uint(&[0]),
        subject_name(subject),
        public_key(key_seed),
        tlv(0xa0, &[]),
    ]);
    let der = seq(&[
        info,
        algorithm(OID_SHA256_RSA),
        signature(&format!("csr:{key_seed}")),
    ]);
    pem("CERTIFICATE REQUEST", &der)
}

/// A private key (PKCS#8 layout around RSA-shaped numbers) from a seed.
pub fn private_key(key_seed: &str) -> String {
    let number = |what: &str, len: usize| uint(&noise(&format!("{what}:{key_seed}"), len));
    let mut modulus = noise(&format!("modulus:{key_seed}"), 256);
    if let Some(first) = modulus.first_mut() {
        *first |= 0x80;
    }
    let rsa = seq(&[
        uint(&[0]),
        uint(&modulus),
        uint(&[0x01, 0x00, 0x01]),
        number("d", 256),
        number("p", 128),
        number("q", 128),
        number("dp", 128),
        number("dq", 128),
        number("qinv", 128),
    ]);
    let der = seq(&[uint(&[0]), algorithm(OID_RSA), tlv(OCTET_STRING, &rsa)]);
    pem("PRIVATE KEY", &der)
}

/// Reads the subject of a CSR in PEM form: `None` when the text is not PEM or has no
/// CommonName.
pub fn read_csr(text: &str) -> Option<Subject> {
    if !text.contains("CERTIFICATE REQUEST") {
        return None;
    }
    let der = unpem(text)?;
    let subject = Subject {
        common_name: attribute(&der, OID_CN)?,
        organization: attribute(&der, OID_O).unwrap_or_default(),
        organizational_unit: attribute(&der, OID_OU).unwrap_or_default(),
        country: attribute(&der, OID_C).unwrap_or_default(),
        state: attribute(&der, OID_ST).unwrap_or_default(),
        locality: attribute(&der, OID_L).unwrap_or_default(),
        email: attribute(&der, OID_EMAIL).unwrap_or_default(),
    };
    Some(subject)
}

/// The first text value that follows the object identifier `oid` in the DER.
fn attribute(der: &[u8], oid: &[u8]) -> Option<String> {
    let mut needle = vec![OID, u8::try_from(oid.len()).ok()?];
    needle.extend_from_slice(oid);
    let at = der.windows(needle.len()).position(|w| w == needle)? + needle.len();
    let tag = *der.get(at)?;
    if !matches!(tag, UTF8 | PRINTABLE | IA5 | 0x14 | 0x1e) {
        return None;
    }
    let (len, skip) = match *der.get(at + 1)? {
        n if n < 0x80 => (usize::from(n), 2),
        0x81 => (usize::from(*der.get(at + 2)?), 3),
        0x82 => (
            usize::from(*der.get(at + 2)?) << 8 | usize::from(*der.get(at + 3)?),
            4,
        ),
        _ => return None,
    };
    let value = der.get(at + skip..at + skip + len)?;
    Some(String::from_utf8_lossy(value).trim().to_owned())
}

/// What a certificate says.
#[derive(Debug, Clone)]
pub struct CertSpec<'a> {
    /// Seed of its serial, key and signature (changes with every reissue).
    pub seed: &'a str,
    /// CommonName.
    pub common_name: &'a str,
    /// Every name it covers.
    pub names: &'a [String],
    /// First day of validity.
    pub not_before: NaiveDate,
    /// Last day of validity.
    pub not_after: NaiveDate,
    /// Issuer's CommonName.
    pub issuer: &'a str,
}

fn utc_time(day: NaiveDate) -> Vec<u8> {
    tlv(UTC_TIME, day.format("%y%m%d000000Z").to_string().as_bytes())
}

/// A certificate (X.509 v3 layout) in DER.
pub fn certificate(spec: &CertSpec) -> Vec<u8> {
    let mut serial = noise(&format!("serial:{}", spec.seed), 16);
    if let Some(first) = serial.first_mut() {
        *first &= 0x7f;
    }
    let general_names: Vec<u8> = spec
        .names
        .iter()
        .flat_map(|n| tlv(0x82, n.as_bytes()))
        .collect();
    let san = seq(&[
        tlv(OID, OID_SAN),
        tlv(OCTET_STRING, &tlv(SEQUENCE, &general_names)),
    ]);
    let tbs = seq(&[
        tlv(0xa0, &uint(&[2])),
        uint(&serial),
        algorithm(OID_SHA256_RSA),
        name(&[
            (OID_C, PRINTABLE, "ES"),
            (OID_O, UTF8, "DonDominio Sandbox (not a real CA)"),
            (OID_CN, UTF8, spec.issuer),
        ]),
        seq(&[utc_time(spec.not_before), utc_time(spec.not_after)]),
        name(&[(OID_CN, UTF8, spec.common_name)]),
        public_key(spec.seed),
        tlv(0xa3, &seq(&[san])),
    ]);
    seq(&[
        tbs,
        algorithm(OID_SHA256_RSA),
        signature(&format!("cert:{}", spec.seed)),
    ])
}

/// A certs-only PKCS#7 (P7B) holding the certificates, in DER.
pub fn p7b(certs: &[Vec<u8>]) -> Vec<u8> {
    let signed = seq(&[
        uint(&[1]),
        tlv(SET, &[]),
        seq(&[tlv(OID, OID_PKCS7_DATA)]),
        tlv(0xa0, &certs.concat()),
        tlv(SET, &[]),
    ]);
    seq(&[tlv(OID, OID_PKCS7_SIGNED), tlv(0xa0, &signed)])
}

/// A PKCS#12-shaped (PFX) container of the certificates and key, in DER; not encrypted (the
/// password only seeds its filler).
pub fn pfx(certs: &[Vec<u8>], key_pem: &str, password: &str) -> Vec<u8> {
    let key = unpem(key_pem).unwrap_or_default();
    let mut content = certs.concat();
    content.extend_from_slice(&key);
    let safe = seq(&[
        tlv(OID, OID_PKCS7_DATA),
        tlv(0xa0, &tlv(OCTET_STRING, &content)),
    ]);
    let mac = tlv(OCTET_STRING, &noise(&format!("mac:{password}"), 32));
    seq(&[uint(&[3]), safe, mac])
}

/// A ZIP archive (stored, not compressed) of the given files.
pub fn zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    let le16 = |v: usize| u16::try_from(v).unwrap_or(u16::MAX).to_le_bytes();
    let le32 = |v: usize| u32::try_from(v).unwrap_or(u32::MAX).to_le_bytes();
    for (file, data) in files {
        let offset = out.len();
        let crc = crc32(data).to_le_bytes();
        let mut common = Vec::new();
        common.extend_from_slice(&[20, 0, 0, 0, 0, 0]); // version, flags, method: stored
        common.extend_from_slice(&[0, 0, 0x21, 0]); // time 00:00, date 1980-01-01
        common.extend_from_slice(&crc);
        common.extend_from_slice(&le32(data.len()));
        common.extend_from_slice(&le32(data.len()));
        common.extend_from_slice(&le16(file.len()));
        common.extend_from_slice(&[0, 0]); // extra length
        out.extend_from_slice(&[0x50, 0x4b, 0x03, 0x04]);
        out.extend_from_slice(&common);
        out.extend_from_slice(file.as_bytes());
        out.extend_from_slice(data);
        central.extend_from_slice(&[0x50, 0x4b, 0x01, 0x02, 20, 0]);
        central.extend_from_slice(&common);
        central.extend_from_slice(&[0; 10]); // comment length, disk, internal and external attributes
        central.extend_from_slice(&le32(offset));
        central.extend_from_slice(file.as_bytes());
    }
    let central_offset = out.len();
    out.extend_from_slice(&central);
    out.extend_from_slice(&[0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0]);
    out.extend_from_slice(&le16(files.len()));
    out.extend_from_slice(&le16(files.len()));
    out.extend_from_slice(&le32(central.len()));
    out.extend_from_slice(&le32(central_offset));
    out.extend_from_slice(&[0, 0]);
    out
}

/// CRC-32 (IEEE), as ZIP needs it.
fn crc32(data: &[u8]) -> u32 {
    let mut crc = 0xffff_ffff_u32;
    for b in data {
        crc ^= u32::from(*b);
        for _ in 0..8 {
            crc = if crc & 1 != 0 {
                (crc >> 1) ^ 0xedb8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    fn subject() -> Subject {
        Subject {
            common_name: "www.example.com".into(),
            organization: "Example S.L.".into(),
            organizational_unit: "IT".into(),
            country: "ES".into(),
            state: "Barcelona".into(),
            locality: "Barcelona".into(),
            email: "admin@example.com".into(),
        }
    }

    #[test]
    fn a_made_csr_reads_back() {
        let text = csr(&subject(), "k");
        assert!(text.starts_with("-----BEGIN CERTIFICATE REQUEST-----\n"));
        assert_eq!(read_csr(&text), Some(subject()));
    }

    #[test]
    fn long_values_read_back() {
        let mut s = subject();
        s.organization = "O".repeat(200);
        assert_eq!(read_csr(&csr(&s, "k")), Some(s));
    }

    #[test]
    fn not_a_csr() {
        assert_eq!(read_csr("hello"), None);
        assert_eq!(
            read_csr("-----BEGIN CERTIFICATE REQUEST-----\n!!!\n-----END CERTIFICATE REQUEST-----"),
            None
        );
        assert_eq!(read_csr(""), None);
    }

    #[test]
    fn zip_central_directory_points_at_its_entries() {
        let z = zip(&[("a.txt", b"hello"), ("bb.txt", b"world!")]);
        let eocd = z.len() - 22;
        assert_eq!(&z[eocd..eocd + 4], b"PK\x05\x06");
        let at = |i: usize| usize::from(z[i]) | usize::from(z[i + 1]) << 8;
        assert_eq!(at(eocd + 10), 2);
        let central = at(eocd + 16);
        assert_eq!(&z[central..central + 4], b"PK\x01\x02");
        assert_eq!(&z[central + 46..central + 51], b"a.txt");
        let second = central + 46 + 5;
        assert_eq!(&z[second..second + 4], b"PK\x01\x02");
        assert_eq!(&z[second + 46..second + 52], b"bb.txt");
        let local = at(second + 42);
        assert_eq!(&z[local..local + 4], b"PK\x03\x04");
        assert_eq!(&z[local + 30..local + 36], b"bb.txt");
        assert_eq!(&z[local + 36..local + 42], b"world!");
    }

    #[test]
    fn crc_of_a_known_text() {
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
    }

    #[test]
    fn lengths_over_127_use_long_form() {
        let body = vec![0u8; 300];
        let t = tlv(OCTET_STRING, &body);
        assert_eq!(&t[..4], &[OCTET_STRING, 0x82, 0x01, 0x2c]);
        assert_eq!(t.len(), 304);
    }
}
