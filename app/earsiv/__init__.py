"""e-Arşiv: the daily report to GİB (eArsivRaporu) and what it is built from.

- ``report_schema`` — every assumption about the report's XML (namespace, element order,
  value formats), each with its source; GİB's official XSD corrects it in this one place.
- ``report`` — the unsigned report of one day, from plain inputs: e-Arşiv invoices as their
  stored signed bytes with their creation moment, and cancellations. Which day a document is
  reported on and when that report is due (``app.domain.deadlines``).
- ``checks`` — Tezgâh's own structural checks of a built report, and validation against
  GİB's e-Arşiv package (XSD, and its schematron when present) when it is installed; the
  result names which was used.

No database access and no signing here: the use cases read the rows, call these, and sign
the report through ``app.signing``.
"""
