"""Yeni Fatura: customer, profile and type, lines, live totals, autosave, issue.

Keyboard: Tab moves between cells, Enter goes to the next line (adding one at the end),
Ctrl+Delete removes a line, Ctrl+M adds a customer, Ctrl+S saves, Ctrl+Return issues.
The editor's state is written to ``drafts/editor.json`` in the data folder a moment after
every change, and stored as a database draft whenever it is complete, so a crash or a
power cut loses nothing.

``header`` holds the customer and the invoice's header fields, ``lines`` the lines table,
``totals`` the note and live totals under it, ``internet_sale`` the e-Arşiv İnternet
satışı group, and ``page`` the page that composes them,
keeps the editor's state and issues the invoice.
"""

from ui.pages.editor.page import InvoiceEditor

__all__ = ["InvoiceEditor"]
