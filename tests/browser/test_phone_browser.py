"""The phone page in a real browser (headless Chromium): the login, the overview's numbers
as computed from the invoices, the PDF, a phone-sized viewport without sideways scrolling,
and a hostile supplier name shown as text."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import HOSTILE_NAME, PhoneShop

# slow: a browser per test (every full run keeps them; the edit loop skips them)
pytestmark = [pytest.mark.needs_http, pytest.mark.slow]

def _by_css(driver: Any, selector: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.CSS_SELECTOR, selector)


def _all_css(driver: Any, selector: str) -> list[Any]:
    from selenium.webdriver.common.by import By

    return driver.find_elements(By.CSS_SELECTOR, selector)


def _submit(driver: Any, button: Any) -> None:
    """Click a form's button and wait until the answer's page has replaced this one."""
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    page = _by_css(driver, "html")
    button.click()
    WebDriverWait(driver, 15).until(expected_conditions.staleness_of(page))
    WebDriverWait(driver, 15).until(
        lambda d: d.execute_script("return document.readyState") == "complete")


def _sign_in(driver: Any, shop: PhoneShop, key: str) -> None:
    driver.get(shop.home)
    field = _by_css(driver, "#anahtar")
    field.clear()
    field.send_keys(key)
    _submit(driver, _by_css(driver, "form.login button"))


def _fetch(driver: Any, href: str) -> dict[str, Any]:
    """GET ``href`` from the page itself (its cookie, its origin): status, type, first bytes."""
    return driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch(arguments[0], {credentials: 'same-origin'}).then(async r => {
            const bytes = new Uint8Array(await r.arrayBuffer());
            done({status: r.status, type: r.headers.get('content-type'),
                  head: String.fromCharCode(...bytes.slice(0, 5)), size: bytes.length});
        }).catch(e => done({error: String(e)}));
    """, href)


def test_login_overview_and_pdf(phone_shop: PhoneShop, browser: Any) -> None:
    driver, shop = browser, phone_shop
    driver.set_window_size(1200, 900)
    driver.get(shop.home)
    assert driver.current_url == shop.base + "/telefon/giris"  # no session: the login form
    assert _all_css(driver, "#satis") == []

    _sign_in(driver, shop, "YANLS-ANAHT-ARYAN-LISSS")
    assert driver.current_url == shop.base + "/telefon/giris"
    assert "Anahtar yanlış" in _by_css(driver, "#hata").text
    assert _all_css(driver, "#satis") == []

    _sign_in(driver, shop, shop.key)
    assert driver.current_url == shop.home
    assert _by_css(driver, "#satis-toplam").text == shop.today_total
    assert _by_css(driver, "#satis-adet").text == f"{shop.today_count} fatura"
    assert _by_css(driver, "#satis-kdv").text == shop.today_kdv
    cookies = {c["name"]: c for c in driver.get_cookies()}
    assert cookies["tezgah_telefon"]["httpOnly"] is True
    assert cookies["tezgah_telefon"]["sameSite"] == "Strict"

    sent = _by_css(driver, "#giden").text
    for info in shop.sent.values():
        assert info["number"] in sent
    assert "Tamamlandı" in sent and "Hata" in sent
    incoming = _all_css(driver, "#gelen li.incoming")
    assert len(incoming) == 3
    urgent = [li for li in incoming if shop.urgent_ettn in
              _by_css(li, "a").get_attribute("href")]
    assert len(urgent) == 1
    days = _by_css(urgent[0], ".days")
    assert days.text == "1 gün kaldı"
    assert "urgent" in days.get_attribute("class")
    assert days.value_of_css_property("color") == "rgba(192, 24, 24, 1)"
    calm = [li for li in incoming if shop.calm_ettn in _by_css(li, "a").get_attribute("href")]
    assert _by_css(calm[0], ".days").text == "8 gün kaldı"
    assert "urgent" not in _by_css(calm[0], ".days").get_attribute("class")
    assert "Yanıt masaüstünden kartla verilir." in _by_css(driver, "#gelen").text
    report = _by_css(driver, "#earsiv").text  # today's e-Arşiv invoice, its report not made
    assert "Hazırlanmadı" in report and "1 fatura, 0 iptal" in report
    assert _all_css(driver, "#gelen button") == []  # read-only: no KABUL / RED

    pdf_link = urgent[0].find_element("css selector", "a").get_attribute("href")
    got = _fetch(driver, pdf_link)
    assert got.get("status") == 200, got
    assert got["type"] == "application/pdf" and got["head"] == "%PDF-"
    sent_pdf = _by_css(driver, "#giden li.sent a").get_attribute("href")
    got = _fetch(driver, sent_pdf)
    assert (got.get("status"), got.get("type"), got.get("head")) == (200, "application/pdf",
                                                                    "%PDF-")

    driver.get(shop.base + "/telefon/giden")
    assert len(_all_css(driver, "#giden li.sent")) == len(shop.sent)
    _submit(driver, _by_css(driver, "nav button"))  # Çıkış
    assert driver.current_url == shop.base + "/telefon/giris"
    driver.get(shop.home)
    assert driver.current_url == shop.base + "/telefon/giris"


def _phone_viewport(driver: Any) -> None:
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": 360, "height": 740, "deviceScaleFactor": 3, "mobile": True})
    driver.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": True})


def _no_sideways_scroll(driver: Any, page: str) -> None:
    widths = driver.execute_script(
        "return [document.documentElement.scrollWidth, document.body.scrollWidth,"
        " window.innerWidth, document.documentElement.clientWidth];")
    scroll_width, body_width, inner, client = widths
    assert inner == 360, (page, widths)
    assert scroll_width <= client and body_width <= client, (page, widths)


def test_phone_viewport_and_hostile_name(phone_shop: PhoneShop, browser: Any,
                                        tmp_path: Path) -> None:
    driver, shop = browser, phone_shop
    _phone_viewport(driver)
    driver.get(shop.home)
    _no_sideways_scroll(driver, "giriş")
    assert _by_css(driver, "#anahtar").is_displayed()
    _sign_in(driver, shop, shop.key)
    assert driver.current_url == shop.home
    for path in ("/telefon/", "/telefon/giden", "/telefon/gelen"):
        driver.get(shop.base + path)
        _no_sideways_scroll(driver, path)
        driver.save_screenshot(str(tmp_path / f"telefon{path.replace('/', '-')}.png"))
    driver.get(shop.home)
    total = _by_css(driver, "#satis-toplam")
    assert total.is_displayed() and total.text == shop.today_total
    sections = _all_css(driver, "main > section")
    lefts = {s.rect["x"] for s in sections}
    assert len(lefts) == 1  # one column
    for section in sections:
        assert section.rect["x"] >= 0 and section.rect["x"] + section.rect["width"] <= 360
    for selector in ("nav a", "nav button", "#gelen .days"):
        for element in _all_css(driver, selector):
            assert element.is_displayed(), selector

    # the supplier name with <script> is text, not markup, and nothing ran
    driver.get(shop.base + "/telefon/gelen")
    names = [e.text for e in _all_css(driver, "#gelen .name")]
    assert HOSTILE_NAME in names
    assert _all_css(driver, "main script") == []
    assert driver.execute_script("return document.scripts.length") == 0
    _no_sideways_scroll(driver, "gelen")
