"""Signer backends: a PKCS#11 token (the real card) and a PKCS#12 file (demo certificate)."""
