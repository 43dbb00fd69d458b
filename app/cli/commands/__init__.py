"""Sub-command modules of ``tezgah``; each defines ``register(subparsers)``."""

# Every module of this package, in the order their commands are registered. Named here
# rather than listed from the folder at each start (pkgutil loads ``inspect``);
# tests/unit/test_cli_imports.py checks that the list and the folder agree.
MODULES = (
    "api", "archive", "catalog", "data", "db", "demo", "despatch", "earsiv", "export", "folder", "gib", "gui", "inbox",
    "invoice", "outbox", "pdf", "postbox", "rules", "sign", "signer", "token", "trust",
    "validate", "verify",
)
