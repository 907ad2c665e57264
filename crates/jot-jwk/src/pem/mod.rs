//! TODO(issue 2): PEM and DER, being written.
