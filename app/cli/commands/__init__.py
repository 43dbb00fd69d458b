"""Sub-command modules of ``tezgah``; each defines ``register(subparsers)``."""
