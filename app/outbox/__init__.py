"""The durable outbox: issued e-Fatura invoices wait here until GİB has them.

``queue`` puts invoices in (inside the issuing transaction) and packs them into envelopes;
``sync`` sends envelopes and follows their status. Every step is one SQLite transaction,
and an envelope's UUID and zip are fixed before its first attempt, so a process killed at
any point resumes without losing an invoice or sending one twice.
"""
