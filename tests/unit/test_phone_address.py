"""The address ``tezgah postbox serve`` prints for the phone page."""

from __future__ import annotations

import socket

from app.usecases.phone_page import _network_address, page_address


def test_the_public_address_wins() -> None:
    assert page_address("http://0.0.0.0:8080",
                        "https://pk.dukkan.com.tr/EFaturaMerkez/services/EFatura") \
        == "https://pk.dukkan.com.tr/telefon/"


def test_a_concrete_address_is_kept() -> None:
    assert page_address("https://127.0.0.1:8443") == "https://127.0.0.1:8443/telefon/"
    assert page_address("http://192.168.1.20:8080") == "http://192.168.1.20:8080/telefon/"


def test_a_wildcard_becomes_this_computers_network_address() -> None:
    shown = page_address("http://0.0.0.0:8080")
    local = _network_address(socket.AF_INET)
    if local is None:  # no route at all: nothing better to print
        assert shown == "http://0.0.0.0:8080/telefon/"
    else:
        assert shown == f"http://{local}:8080/telefon/"
        assert not local.startswith(("0.", "127."))
