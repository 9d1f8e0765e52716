"""The web chat page in real headless Chromium, on a 360x740 phone screen: a whole screening by
typing and tapping, what a screen reader is told, a reload, a change of language, and axe-core's
accessibility check (from npm, injected by Playwright). Screenshots go to test-output/."""

import json
import shutil
import urllib.error
import urllib.request
import uuid
from collections import Counter
from pathlib import Path

import pytest

from tests.reliability.scenarios import ANSWERS

pytestmark = pytest.mark.servers
ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output"
AXE = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"
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
APPLICANT = {
    "age": 35,
    "employment_status": "unemployed",
    "education": "secondary_complete",
    "household_head": True,
    "children": 2,
    "monthly_income": 800,
    "has_disability": False,
    "work_experience_years": 3,
    "occupation": "carpintero_industrial",
    "occupation_experience_years": 3,
    "goal": "job",
}
RESULT = ("Este es tu resultado", "calificas.")


@pytest.fixture(scope="module")
def browser(bot):
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium is not installed (apt-get install chromium): browser test skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="es-PE")
    page = context.new_page()
    page.requests, page.failed = [], []
    page.on("request", lambda request: page.requests.append(request.url))
    page.on("response", lambda response: response.status >= 400 and page.failed.append(response.url))
    yield page
    context.close()


def open_chat(page, bot):
    page.goto(f"{bot.url}/webhooks/webchat/")
    page.wait_for_function("() => window.impulsaChat !== undefined")
    page.evaluate("() => window.impulsaChat.ready")


def say(page, text: str) -> str:
    """Type a message and press Enter; the bot's whole answer, once shown."""
    before = page.locator("li.bot").count()
    page.fill("#message", text)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "n => document.querySelectorAll('li.bot').length > n && document.getElementById('typing').hidden",
        arg=before,
        timeout=60000,
    )
    return "\n".join(page.locator("li.bot .bubble").all_inner_texts()[before:])


def newest_message_fully_visible(page) -> bool:
    """The last message ends above the input bar and inside the screen (its top too, if it fits)."""
    return page.evaluate(
        """() => {
            const items = document.querySelectorAll('#log li');
            const last = items[items.length - 1].getBoundingClientRect();
            const box = document.getElementById('log').getBoundingClientRect();
            const bar = document.getElementById('composer').getBoundingClientRect();
            const ends = last.bottom <= bar.top + 0.5 && last.bottom <= box.bottom + 0.5
                && bar.bottom <= window.innerHeight + 0.5;
            const fits = last.height > box.height || last.top >= box.top - 0.5;
            return ends && fits;
        }"""
    )


def last_answer(page) -> str:
    """What the bot said since the applicant's last message."""
    return page.evaluate(
        """() => {
            const items = [...document.querySelectorAll('#log li')];
            const start = items.map(i => i.className).lastIndexOf('user') + 1;
            return items.slice(start).map(i => i.querySelector('.bubble').innerText).join('\\n');
        }"""
    )


def screen_to_the_result(page, start: str = "quiero postular") -> str:
    """Answer every question the bot asks (after `start`, or from where it is) up to the result."""
    asked = say(page, start) if start else last_answer(page)
    for _ in range(25):
        assert newest_message_fully_visible(page), asked[-80:]
        if any(mark in asked for mark in RESULT):
            return asked
        answer = next((reply(APPLICANT) for words, _, reply in ANSWERS if words in asked), None)
        assert answer is not None, f"unexpected question: {asked[-120:]!r}"
        asked = say(page, answer)
    raise AssertionError("no result after 25 turns")


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.skip("axe-core is not installed (make test installs it with npm)")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": len(v["nodes"])}
        for v in result["violations"]
    ]


def speakers(page) -> list[str]:
    return page.locator("#log li .speaker").all_inner_texts()


def test_a_whole_screening_on_a_phone_with_chips_speakers_and_focus(bot, page):
    open_chat(page, bot)
    assert page.locator("label[for=message]").count() == 1
    assert page.evaluate("document.activeElement.id") == "message"
    assert page.locator("html").get_attribute("lang") == "es"

    say(page, "hola")
    chip = page.locator("button.chip", has_text="Sí, revisar")
    chip.wait_for(timeout=30000)
    assert chip.bounding_box()["height"] >= 44  # a tappable target
    group = page.locator(".chips").last
    assert (group.get_attribute("role"), group.get_attribute("aria-label")) == ("group", "Opciones para responder")

    chip.click()
    page.wait_for_selector("li.bot >> text=años tienes", timeout=30000)
    assert page.evaluate("document.activeElement.id") == "message"  # not <body>
    assert page.locator("li.user .bubble").last.inner_text() == "Sí, revisar"  # the title, not the payload
    assert page.locator("button.chip:not([disabled])").count() == 0  # used choices are retired...
    assert page.locator("button.chip.chosen").count() == 1  # ...and the one chosen is marked
    colours = page.evaluate(
        "() => [...document.querySelectorAll('button.chip')].map(c => getComputedStyle(c).backgroundColor)"
    )
    assert "rgb(255, 255, 255)" not in colours  # none still looks active

    # A screen reader hears who said each message; the typing indicator is outside the live region.
    assert speakers(page)[:2] == ["Tú:", "Asistente:"]
    assert page.locator("#log[aria-live] #typing").count() == 0 and page.locator("#typing").count() == 1

    result = screen_to_the_result(page, start=None)  # from "¿Cuántos años tienes?" on
    assert "calificas" in result
    assert newest_message_fully_visible(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 360  # nothing wider than the screen
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "webchat-result.png"))
    # Offline: every request went to this server, and none failed (the favicon included).
    assert page.requests and all(url.startswith(bot.url) for url in page.requests)
    assert page.failed == []


def test_after_a_reload_the_conversation_and_the_pending_choices_come_back(bot, page):
    open_chat(page, bot)
    say(page, "hola")
    page.locator("button.chip", has_text="Sí, revisar").click()
    page.wait_for_selector("li.bot >> text=años tienes", timeout=30000)
    say(page, "tengo 35 años")
    shown = page.locator("#log li").all_inner_texts()
    open_chat(page, bot)  # a reload: same browser, same sender id
    assert page.locator("#log li").all_inner_texts() == shown
    pending = page.locator("button.chip:not([disabled])")
    offered = page.locator(".chips").last.locator("button.chip")
    # Only the question being asked keeps usable choices (if it has any); the old ones are retired.
    assert pending.count() == (offered.count() if page.locator("#log li").last.locator(".chips").count() else 0)
    assert "Sí, revisar" not in pending.all_inner_texts()
    assert newest_message_fully_visible(page)


def test_the_history_endpoint_serves_only_the_pages_own_conversations(bot):
    def status(sender):
        url = f"{bot.url}/webhooks/webchat/history?sender={sender}"
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, None

    bot.say("wa-0123456789abcdef0123", "hola")  # a WhatsApp-like and a REST client's conversation
    bot.say("crowd-1", "hola")
    for sender in ("wa-0123456789abcdef0123", "crowd-1", "web-short", "web-" + "g" * 32, "", "web-../x"):
        assert status(sender)[0] == 404, sender
    fresh = "web-" + uuid.uuid4().hex
    assert status(fresh) == (200, {"language": "es", "messages": []})


def test_the_page_follows_the_conversations_language(bot, page):
    open_chat(page, bot)
    say(page, "hola")
    say(page, "in English please")
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=30000)
    assert page.locator("#message").get_attribute("placeholder") == "Type your message…"
    assert page.locator("#send").inner_text() == "Send"
    assert page.locator("label[for=message]").inner_text() == "Type your message"
    assert page.locator("header p").inner_text().startswith("Assistant for applicants")
    assert page.locator("#location").get_attribute("aria-label") == "Share my location"
    assert page.title() == "Impulsa Perú · Assistant"
    assert set(speakers(page)) == {"You:", "Assistant:"}
    # The error text too, when the server cannot be reached.
    page.route("**/webhooks/rest/webhook", lambda route: route.abort())
    assert say(page, "hello") == "I could not connect. Please try again in a moment."
    page.unroute("**/webhooks/rest/webhook")
    open_chat(page, bot)  # and after a reload
    assert page.locator("html").get_attribute("lang") == "en"


def test_axe_finds_no_serious_or_critical_violation_at_360_px(bot, page):
    found = {}
    open_chat(page, bot)
    found["empty page"] = axe_violations(page)
    say(page, "hola")
    found["choices shown"] = axe_violations(page)
    screen_to_the_result(page)
    found["result"] = axe_violations(page)
    say(page, "in English please")
    page.wait_for_function("() => document.documentElement.lang === 'en'", timeout=30000)
    found["result, English"] = axe_violations(page)
    OUTPUT.mkdir(exist_ok=True)
    page.screenshot(path=str(OUTPUT / "webchat-axe-english.png"))
    impacts = {state: dict(Counter(v["impact"] for v in violations)) for state, violations in found.items()}
    (OUTPUT / "axe-webchat.json").write_text(json.dumps({"impacts": impacts, "violations": found}, indent=2))
    serious = {state: [v for v in vs if v["impact"] in ("serious", "critical")] for state, vs in found.items()}
    assert serious == {state: [] for state in found}, serious
