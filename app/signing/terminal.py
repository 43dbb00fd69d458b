"""A ``PinHandler`` for the command line: the card's warning first, then the PIN.

The PIN comes from an environment variable (used once: a wrong PIN is not retried) or from
hidden terminal input (asked again after a wrong PIN, with the card's remaining-tries
warning). Nothing is echoed, stored or logged.
"""

from __future__ import annotations

import getpass
import os
import sys

from app.domain.errors import UserError
from app.signing.errors import WrongPinError


class TerminalPin:
    def __init__(self, env_var: str | None = None, prompt: str = "Kart PIN'i: ") -> None:
        self.env_var = env_var
        self.prompt = prompt
        self._asked = 0

    def ask_pin(self, token_description: str, warning: str | None) -> str | None:
        self._asked += 1
        if self.env_var:
            if self._asked > 1:
                # The PIN from the environment was refused by the card.
                raise WrongPinError(
                    f"PIN yanlış ({self.env_var} ortam değişkenindeki değer): {token_description}. "
                    "İmza atılmadı." + (f" {warning}" if warning else ""),
                    warning=warning,
                )
            if warning and "SON" in warning:
                raise WrongPinError(
                    "Kartta yalnızca SON bir PIN deneme hakkı kaldı; kart kilitlenmesin diye "
                    f"{self.env_var} ortam değişkenindeki PIN denenmedi. PIN'i elle girin.",
                    warning=warning,
                )
            value = os.environ.get(self.env_var)
            if value is None:
                raise UserError(f"{self.env_var} ortam değişkeni tanımlı değil.")
            return value
        if not sys.stdin.isatty():
            raise UserError(
                "PIN girilemiyor: terminal yok. --pin-env DEĞİŞKEN ile PIN'in bulunduğu ortam "
                "değişkenini verin."
            )
        if self._asked > 1:
            print("PIN yanlış.", file=sys.stderr)
        if warning:
            print(f"Uyarı: {warning}", file=sys.stderr)
        print(f"Kart: {token_description}", file=sys.stderr)
        value = getpass.getpass(self.prompt)
        return value or None  # empty input = cancel
