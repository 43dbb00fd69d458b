"""e-İrsaliye screens: the despatch form (``form``: header, ``receiver``, ``shipment``,
``lines``), its view (``view``), picking an invoice to prefill it (``invoice_pick``) and
issuing selected drafts with one PIN (``issue``). The list is ``ui.pages.despatches``.

Every rule is the use cases' (``app.usecases.despatches``): the screens only build the
despatch JSON (docs/despatch-json.md) and show a ``UserError`` at the field it names."""
