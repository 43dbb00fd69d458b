"""The durable outbox: stored documents wait here until their channel has delivered them.

``queue`` puts documents in (inside the transaction that stored them) and packs them into a
channel's envelopes; ``machine`` moves envelopes through their states (``states``). The
outbox knows channels only through ``app.channels.base`` and no use case: the sending
itself is ``app.usecases.sync``. Every step is one SQLite transaction, and an envelope's
UUID and bytes are fixed before its first attempt, so a process killed at any point resumes
without losing a document or sending one twice.
"""
