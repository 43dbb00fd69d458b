"""Storage: the tables, the migrations, the engine and the repositories.

Every SQL query of Tezgâh lives under this package. Code above it holds a ``Session`` (for
type hints and to pass a transaction through) and calls repository functions.
"""

from sqlalchemy.orm import Session

__all__ = ["Session"]
