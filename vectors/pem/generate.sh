#!/bin/sh
# Regenerates the PEM/DER interop vectors with the OpenSSL command line
# (run from this folder; made with OpenSSL 3.0). Keys are random: the tests
# check relations between the files (the same key in every format, the
# certificate's key equals the key file's), never fixed values.
set -eu
umask 022

# --- RSA 2048 --------------------------------------------------------------
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out rsa-2048-pkcs8.pem
openssl pkcs8 -topk8 -nocrypt -in rsa-2048-pkcs8.pem -outform DER -out rsa-2048-pkcs8.der
openssl pkey -in rsa-2048-pkcs8.pem -traditional -out rsa-2048-pkcs1.pem
openssl pkey -in rsa-2048-pkcs8.pem -traditional -outform DER -out rsa-2048-pkcs1.der
openssl pkey -in rsa-2048-pkcs8.pem -pubout -out rsa-2048-spki.pem
openssl pkey -in rsa-2048-pkcs8.pem -pubout -outform DER -out rsa-2048-spki.der
openssl rsa -in rsa-2048-pkcs8.pem -RSAPublicKey_out -out rsa-2048-pkcs1-public.pem
openssl rsa -in rsa-2048-pkcs8.pem -RSAPublicKey_out -outform DER -out rsa-2048-pkcs1-public.der
openssl req -x509 -new -key rsa-2048-pkcs8.pem -sha256 -days 36500 -subj "/CN=jot test RSA" -out rsa-2048-cert.pem
openssl x509 -in rsa-2048-cert.pem -outform DER -out rsa-2048-cert.der

# Three-prime RSA (PKCS#1 version 1 with otherPrimeInfos), to be refused.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -pkeyopt rsa_keygen_primes:3 -out rsa-3prime-pkcs8.pem
openssl pkey -in rsa-3prime-pkcs8.pem -traditional -out rsa-3prime-pkcs1.pem

# --- EC: P-256, P-384, P-521, secp256k1 -------------------------------------
for pair in p256:prime256v1 p384:secp384r1 p521:secp521r1 secp256k1:secp256k1; do
  name=${pair%%:*}
  curve=${pair#*:}
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:$curve -pkeyopt ec_param_enc:named_curve -out ec-$name-pkcs8.pem
  openssl pkcs8 -topk8 -nocrypt -in ec-$name-pkcs8.pem -outform DER -out ec-$name-pkcs8.der
  openssl ec -in ec-$name-pkcs8.pem -param_enc named_curve -out ec-$name-sec1.pem
  openssl ec -in ec-$name-pkcs8.pem -param_enc named_curve -outform DER -out ec-$name-sec1.der
  openssl pkey -in ec-$name-pkcs8.pem -pubout -out ec-$name-spki.pem
  openssl pkey -in ec-$name-pkcs8.pem -pubout -outform DER -out ec-$name-spki.der
done

# P-256 variants: SEC1 without the public key, compressed points, the SEC1
# file wrapped as PKCS#8 by `openssl pkcs8`, a certificate, and explicit
# curve parameters (to be refused as unsupported).
openssl ec -in ec-p256-pkcs8.pem -no_public -out ec-p256-sec1-no-public.pem
openssl ec -in ec-p256-pkcs8.pem -conv_form compressed -out ec-p256-sec1-compressed.pem
openssl ec -in ec-p256-pkcs8.pem -pubout -conv_form compressed -out ec-p256-spki-compressed.pem
openssl pkcs8 -topk8 -nocrypt -in ec-p256-sec1.pem -out ec-p256-topk8.pem
openssl req -x509 -new -key ec-p256-pkcs8.pem -sha256 -days 36500 -subj "/CN=jot test P-256" -out ec-p256-cert.pem
openssl ec -in ec-p256-pkcs8.pem -param_enc explicit -out ec-p256-explicit-sec1.pem
openssl ec -in ec-p256-pkcs8.pem -param_enc explicit -pubout -out ec-p256-explicit-spki.pem
openssl pkcs8 -topk8 -nocrypt -in ec-p256-explicit-sec1.pem -out ec-p256-explicit-pkcs8.pem

# --- Ed25519, X25519 -----------------------------------------------------------
for alg in ed25519 x25519; do
  openssl genpkey -algorithm $alg -out $alg-pkcs8.pem
  openssl pkcs8 -topk8 -nocrypt -in $alg-pkcs8.pem -outform DER -out $alg-pkcs8.der
  openssl pkey -in $alg-pkcs8.pem -pubout -out $alg-spki.pem
  openssl pkey -in $alg-pkcs8.pem -pubout -outform DER -out $alg-spki.der
done
openssl req -x509 -new -key ed25519-pkcs8.pem -days 36500 -subj "/CN=jot test Ed25519" -out ed25519-cert.pem

# OpenSSL writes PKCS#8 v1 (no public key). The v2 OneAsymmetricKey form of
# the same key (RFC 8410 section 7, with the [1] publicKey) is assembled from
# the v1 key's seed and the SPKI's public key by `openssl asn1parse -genconf`.
seed=$(tail -c 32 ed25519-pkcs8.der | od -An -v -tx1 | tr -d ' \n')
pub=$(tail -c 32 ed25519-spki.der | od -An -v -tx1 | tr -d ' \n')
cat > ed25519-pkcs8-v2.cnf <<CNF
asn1 = SEQUENCE:key
[key]
version = INTEGER:1
algorithm = SEQUENCE:algorithm
privateKey = FORMAT:HEX,OCTETSTRING:0420$seed
publicKey = IMPLICIT:1,FORMAT:HEX,BITSTRING:$pub
[algorithm]
oid = OID:1.3.101.112
CNF
openssl asn1parse -genconf ed25519-pkcs8-v2.cnf -noout -out ed25519-pkcs8-v2.der
rm ed25519-pkcs8-v2.cnf

# --- Refused inputs ----------------------------------------------------------
# Ed448 and X448 (unsupported algorithms).
openssl genpkey -algorithm ed448 -out ed448-pkcs8.pem
openssl pkey -in ed448-pkcs8.pem -pubout -out ed448-spki.pem
openssl genpkey -algorithm x448 -out x448-pkcs8.pem
# Encrypted PKCS#8 (ENCRYPTED PRIVATE KEY) and a legacy encrypted SEC1 key
# (EC PRIVATE KEY with Proc-Type/DEK-Info headers). The password is "jot".
openssl pkcs8 -topk8 -in ed25519-pkcs8.pem -v2 aes-256-cbc -passout pass:jot -out ed25519-encrypted.pem
openssl ec -in ec-p256-pkcs8.pem -aes256 -passout pass:jot -out ec-p256-sec1-legacy-encrypted.pem
