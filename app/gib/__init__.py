"""Talking to GİB's EFatura service.

* ``codes`` — status codes 1000…1300 (Ek-2) and EFaturaFault codes 2000–2007 (Ek-3).
* ``envelope`` — the SBDH envelope (zarf, Ek-1): ``EnvelopeParty``, ``build_envelope``,
  ``parse_envelope``, ``extract_documents``.
* ``package`` — ``zip_envelope`` (``<UUID>.xml`` in ``<UUID>.zip``) and the MD5.
* ``soap`` / ``client`` — ``EFaturaClient.send_document`` / ``get_application_response``.
* ``errors`` — ``NotDelivered`` (send the same envelope again later) and ``Rejected``.
* ``system_response`` — reading (and, for the simulator, building) system responses.
* ``userlist`` — GİB's registered-user list: parse, store, look up, choose the alias.
* ``simulator`` — the local GİB test simulator (never the real GİB).
"""
