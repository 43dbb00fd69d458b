"""The only place with queries: one module per kind of record, each taking the caller's
session (the use case decides the transaction: ``ctx.db.session()`` to read,
``ctx.db.write_session()`` to write). Nothing here commits, and nothing above ``app.db``
builds a SELECT, INSERT or UPDATE of its own.
"""
