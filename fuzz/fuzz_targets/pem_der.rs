//! PEM and DER import: never panics; an imported key exports and imports
//! back to the same key.
#![no_main]

use jot_jwk::Jwk;
use jot_jwk::pem::DerFormat;
use libfuzzer_sys::fuzz_target;

const FORMATS: [DerFormat; 6] = [
    DerFormat::Spki,
    DerFormat::Pkcs8,
    DerFormat::Pkcs1Public,
    DerFormat::Pkcs1Private,
    DerFormat::Sec1,
    DerFormat::Certificate,
];

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data)
        && let Ok(jwk) = Jwk::from_pem(text)
    {
        let format = if jwk.is_private() { DerFormat::Pkcs8 } else { DerFormat::Spki };
        let pem = jwk.to_pem(format).expect("export");
        assert_eq!(Jwk::from_pem(&pem).expect("re-import").key(), jwk.key());
    }
    for format in FORMATS {
        if let Ok(jwk) = Jwk::from_der(data, format)
            && let Ok(der) = jwk.to_der(format)
        {
            assert_eq!(Jwk::from_der(&der, format).expect("re-import").key(), jwk.key());
        }
    }
});
