"""The web chat page in real headless Chromium, on a 360-pixel phone screen."""

import shutil
from pathlib import Path

import pytest

pytestmark = pytest.mark.servers
ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def page(bot, tmp_path):
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium): browser test skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="es-PE")
        page = context.new_page()
        page.requests = []
        page.on("request", lambda request: page.requests.append(request.url))
        yield page
        context.close()
        browser.close()


def test_chat_on_a_phone_send_and_tap_a_button(bot, page):
    page.goto(f"{bot.url}/webhooks/webchat/")
    # Accessible input: a label, focused on load, Enter sends.
    assert page.locator("label[for=message]").count() == 1
    assert page.evaluate("document.activeElement.id") == "message"
    assert page.locator("html").get_attribute("lang") == "es"

    page.fill("#message", "hola")
    page.keyboard.press("Enter")
    page.wait_for_selector("li.bot >> text=Impulsa Perú", timeout=30000)
    chip = page.locator("button.chip", has_text="Sí, revisar")
    chip.wait_for(timeout=30000)
    box = chip.bounding_box()
    assert box["height"] >= 44  # a tappable target

    chip.click()
    page.wait_for_selector("li.bot >> text=años tienes", timeout=30000)
    assert page.locator("li.user", has_text="Sí, revisar").count() == 1  # the title is shown, not the payload

    # Usable at 360 px: nothing wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "webchat.png"), full_page=True)
    # Offline: every script and style came from this server.
    assert page.requests and all(url.startswith(bot.url) for url in page.requests)
