"""The check page in real Chromium: paste a draft, see its contradicted claims, open a citation."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from threading import Thread
from typing import TYPE_CHECKING, Any

import pytest
from werkzeug.serving import make_server

from tests.apps import seeded_app
from tests.conftest import ROOT, missing

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Locator, Page

CHROMIUM = Path("/usr/bin/chromium")
# Headless in a container: no sandbox (no user namespaces), no GPU, and nothing that
# reaches out to the network on its own.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"
# A laptop's screen.
VIEWPORT = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve an app on a seeded SQLite store at a free loopback port; yield its base URL."""
    app = seeded_app(tmp_path_factory.mktemp("browser"), RATELIMIT_CHECK="1000 per second")
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Launch the system's Chromium through Playwright, or skip saying which is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("Playwright is not installed (pip install -e '.[test]')")
    if not CHROMIUM.is_file():
        missing(f"Chromium is not at {CHROMIUM} (apt-get install -y chromium)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[tuple[Page, list[str]]]:
    """Yield a fresh page and the errors its console and scripts report (CSP refusals too)."""
    context = browser.new_context(viewport=VIEWPORT)  # type: ignore[arg-type]
    opened = context.new_page()
    errors: list[str] = []
    opened.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    opened.on("pageerror", lambda e: errors.append(str(e)))
    yield opened, errors
    context.close()


def submit(page: Page, server: str, text: str, as_of: str) -> None:
    """Paste TEXT into the check form, set the date, submit, and wait for the result."""
    page.goto(f"{server}/")
    page.fill("#text", text)
    page.fill("#as_of", as_of)
    page.click("button[type=submit]")
    page.wait_for_selector("section.result")


def sentence_with(page: Page, words: str) -> Locator:
    """Return the one marked sentence whose draft text, badges left out, contains WORDS."""
    # Badges sit inside the sentence after each claim, so its text is not the draft's.
    found = page.locator("span.sentence").evaluate_all(
        """(spans, words) => spans.filter(s => [...s.childNodes]
             .filter(n => !(n.classList && n.classList.contains("badge")))
             .map(n => n.textContent).join("").includes(words)).map(s => s.id)""",
        words.strip(),
    )
    assert len(found) == 1, (words, found)
    return page.locator(f"span.sentence#{found[0]}")


def test_editor_sees_the_injected_errors_and_reads_a_citation(
    server: str, page: tuple[Page, list[str]], shared_eval: Path
) -> None:
    from playwright.sync_api import expect

    tab, errors = page
    draft = (shared_eval / "draft-000-injected.txt").read_text(encoding="utf-8")
    truth: dict[str, Any] = json.loads(
        (shared_eval / "draft-000-injected.json").read_text(encoding="utf-8")
    )
    submit(tab, server, draft, truth["as_of"])

    for error in truth["injected_errors"]:
        sentence = sentence_with(tab, error["contains"])
        mark = sentence.locator("mark.v-contradicted").first
        expect(mark).to_be_visible()
        # Never colour alone: the mark is tinted, and its badge says ✗ and the word.
        assert mark.evaluate("m => getComputedStyle(m).backgroundColor") == "rgb(253, 226, 225)"
        expect(sentence.locator("a.badge.v-contradicted").first).to_have_text(
            re.compile(r"^✗ \d+ contradicted$")
        )
    expect(tab.locator(".count.v-contradicted strong")).not_to_have_text("0")

    # Follow the badge of the member-count error: its card opens on the source's own words.
    wrong = truth["injected_errors"][3]["contains"]
    badge = sentence_with(tab, wrong).locator("a.badge.v-contradicted").first
    card_id = (badge.get_attribute("href") or "").removeprefix("#")
    card = tab.locator(f"details#{card_id}")
    expect(card.locator("blockquote.quote").first).to_be_hidden()
    badge.click()
    expect(card).to_have_attribute("open", "")
    api = tab.request.post(
        f"{server}/api/v1/check", data={"text": tab.input_value("#text"), "as_of": truth["as_of"]}
    )
    claims = [c for s in api.json()["sentences"] for c in s["claims"]]
    cited = claims[int(card_id.removeprefix("claim-")) - 1]["citations"][0]
    quote = card.locator("blockquote.quote").first
    expect(quote).to_be_visible()
    expect(quote).to_have_text(f"“{cited['quote']}”")
    expect(card.locator(".citation .source").first).to_contain_text(cited["source"]["tier"])

    # Keyboard: focus a closed card's summary and open it with Enter.
    closed = tab.locator("details.claim:not([open])").first.get_attribute("id")
    other = tab.locator(f"details#{closed}")
    other.locator("summary").focus()
    tab.keyboard.press("Enter")
    expect(other).to_have_attribute("open", "")

    ARTIFACTS.mkdir(exist_ok=True)
    card.scroll_into_view_if_needed()
    tab.screenshot(path=str(ARTIFACTS / "check-page.png"))
    tab.screenshot(path=str(ARTIFACTS / "check-page-full.png"), full_page=True)
    assert tab.locator('script[type="application/ld+json"]').count() == 1
    assert errors == []


def test_markup_in_a_draft_is_shown_never_run(server: str, page: tuple[Page, list[str]]) -> None:
    from playwright.sync_api import expect

    tab, errors = page
    draft = (
        '<img src=x onerror="window.ran=1"><script>window.ran=2</script>\n'
        "The SCO has 12 member states."
    )
    submit(tab, server, draft, "2025-08-28")
    expect(tab.locator("article.draft")).to_contain_text("<script>window.ran=2</script>")
    expect(tab.locator("article.draft mark.v-contradicted")).to_have_text(
        "SCO has 12 member states"
    )
    assert tab.evaluate("window.ran") is None
    assert tab.locator("article.draft img, article.draft script").count() == 0
    assert errors == []


def test_an_empty_draft_gets_a_message_and_keeps_the_date(
    server: str, page: tuple[Page, list[str]]
) -> None:
    from playwright.sync_api import expect

    tab, _ = page
    tab.goto(f"{server}/")
    tab.fill("#text", "   \n  ")
    tab.fill("#as_of", "2025-08-25")
    tab.click("button[type=submit]")
    expect(tab.locator("#form-error")).to_contain_text("nothing to check")
    expect(tab.locator("#as_of")).to_have_value("2025-08-25")
