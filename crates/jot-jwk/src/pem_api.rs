//! PEM and DER on [`Jwk`]: thin wrappers over [`crate::pem`] that run the
//! JWK checks on import.

use crate::params::Parameters;
use crate::pem::{self, DerFormat};
use crate::{Error, Jwk};

impl Jwk {
    /// Imports one PEM block (PUBLIC KEY, PRIVATE KEY, RSA PUBLIC KEY,
    /// RSA PRIVATE KEY, EC PRIVATE KEY or CERTIFICATE) and checks the key.
    pub fn from_pem(pem_text: &str) -> Result<Self, Error> {
        Self::from_key(pem::key_from_pem(pem_text)?, Parameters::default())
    }

    /// Imports DER in the given format and checks the key.
    pub fn from_der(der: &[u8], format: DerFormat) -> Result<Self, Error> {
        Self::from_key(pem::key_from_der(der, format)?, Parameters::default())
    }

    /// Exports the key as PEM in the given format.
    pub fn to_pem(&self, format: DerFormat) -> Result<String, Error> {
        pem::key_to_pem(&self.key, format)
    }

    /// Exports the key as DER in the given format.
    pub fn to_der(&self, format: DerFormat) -> Result<Vec<u8>, Error> {
        pem::key_to_der(&self.key, format)
    }
}
