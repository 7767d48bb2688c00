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
from verifier.extensions import Store
from verifier.reviews.read import read_reviews
from verifier.store.reviews import write_reviews

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
PAST_CHECKS = ROOT / "tests" / "data" / "reviews" / "past-checks.jsonl"
# A laptop's screen.
VIEWPORT = {"width": 1440, "height": 900}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Serve an app on a seeded SQLite store at a free loopback port; yield its base URL."""
    app = seeded_app(tmp_path_factory.mktemp("browser"), RATELIMIT_CHECK="1000 per second")
    # Past fact checks too, so cards can say what was checked before.
    records, bad = read_reviews(PAST_CHECKS.read_text(encoding="utf-8"), format="jsonl")
    assert not bad
    write_reviews(Store.engine(app), records, origin="file:past-checks.jsonl")
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

    # The member-count error's card is open from the start, on the corrected sentence and
    # the source's own words; its badge in the text leads to it.
    wrong = truth["injected_errors"][3]["contains"]
    badge = sentence_with(tab, wrong).locator("a.badge.v-contradicted").first
    card_id = (badge.get_attribute("href") or "").removeprefix("#")
    card = tab.locator(f"details#{card_id}")
    expect(card).to_have_attribute("open", "")
    badge.click()
    assert tab.evaluate("document.activeElement.parentElement.id") == card_id
    api = tab.request.post(
        f"{server}/api/v1/check", data={"text": tab.input_value("#text"), "as_of": truth["as_of"]}
    )
    claims = [c for s in api.json()["sentences"] for c in s["claims"]]
    claim = claims[int(card_id.removeprefix("claim-")) - 1]
    cited = claim["citations"][0]
    quote = card.locator("blockquote.quote").first
    expect(quote).to_be_visible()
    expect(quote).to_have_text(f"“{cited['quote']}”")
    expect(card.locator(".citation .source").first).to_contain_text(cited["source"]["tier"])
    expect(card.locator(".corrected")).to_have_text(claim["suggestion"])
    assert "raising the number of member states to 10." in claim["suggestion"]

    # A supported claim's card starts closed; the keyboard opens it with Enter.
    closed = tab.locator("details.claim.v-supported:not([open])").first.get_attribute("id")
    other = tab.locator(f"details#{closed}")
    expect(other.locator(".explanation")).to_be_hidden()
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
        '<img src=x onerror="window.ran=true"><script>window.ran=true</script>\n'
        "The SCO has 12 member states."
    )
    submit(tab, server, draft, "2025-08-28")
    expect(tab.locator("article.draft")).to_contain_text("<script>window.ran=true</script>")
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


# -- the editor's day: results in view, marks, notices, keyboard, accessibility --------------

# A phone's screen (CSS pixels).
PHONE = {"width": 390, "height": 844}
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
ARTICLE = (
    "The Summit in Numbers\n"
    "The SCO has 12 member states. It was founded in 2001. "
    "The summit drew 4,000 journalists.\n"
)


@pytest.fixture
def tab_at(browser: Browser) -> Iterator[Any]:
    """Yield a function opening a page at a given viewport; close every context after."""
    contexts = []

    def open_tab(viewport: dict[str, int], **options: Any) -> Page:
        context = browser.new_context(viewport=viewport, **options)  # type: ignore[arg-type]
        contexts.append(context)
        return context.new_page()

    yield open_tab
    for context in contexts:
        context.close()


def shot(tab: Page, name: str) -> None:
    """Write what the editor sees now to test-artifacts/NAME.png."""
    ARTIFACTS.mkdir(exist_ok=True)
    tab.screenshot(path=str(ARTIFACTS / f"{name}.png"))


@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_after_check_the_summary_is_in_view_and_has_focus(
    server: str, tab_at: Any, shared_eval: Path, size: str
) -> None:
    from playwright.sync_api import expect

    tab = tab_at(VIEWPORT if size == "desktop" else PHONE)
    draft = (shared_eval / "draft-000-injected.txt").read_text(encoding="utf-8")
    submit(tab, server, draft, "2025-08-25")
    assert tab.evaluate("document.activeElement.id") == "result"
    head = tab.locator("#result").bounding_box()
    height = tab.viewport_size["height"] if tab.viewport_size else 0
    assert head is not None and 0 <= head["y"] < height / 2
    # The claims are one tap away, and on a phone they come before the marked text.
    go = tab.locator("#result a[href='#claims-title']")
    expect(go).to_be_visible()
    box = go.bounding_box()
    assert box is not None and box["height"] >= 16
    claims = tab.locator("#claims-title").bounding_box()
    text = tab.locator("article.draft").bounding_box()
    assert claims is not None and text is not None
    if size == "phone":
        assert claims["y"] < text["y"]
        # Nothing overflows the screen sideways: pills wrap inside their card.
        assert tab.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    else:
        assert claims["x"] > text["x"]
    shot(tab, f"after-check-{size}")
    go.click()
    assert tab.evaluate("document.activeElement.id") == "claims-title"
    first = tab.locator("details.claim").first
    expect(first).to_have_attribute("open", "")
    expect(first.locator(".corrected")).to_be_visible()
    shot(tab, f"claims-{size}")


def test_figures_not_verified_are_marked_and_counted(server: str, tab_at: Any) -> None:
    from playwright.sync_api import expect

    tab = tab_at(VIEWPORT)
    submit(tab, server, ARTICLE, "2025-08-28")
    tag = tab.locator("article.draft .nv-tag")
    expect(tag).to_have_count(1)
    expect(tag).to_have_text("not verified")
    expect(tab.locator("article.draft .nv")).to_have_text("4,000")
    expect(tab.locator(".count.nv-count")).to_have_text("1 not verified")
    expect(tab.locator("#result .legend")).to_contain_text("not verified")
    # A heading is said to be left unchecked, in words beside it.
    expect(tab.locator("article.draft .why").first).to_have_text(
        "(not checked: a heading, not a sentence of the story)"
    )
    expect(tab.locator("#result .meta").first).to_contain_text("2 claims in 4 sentences")
    shot(tab, "not-verified")


def test_an_undated_draft_offers_its_dateline(server: str, tab_at: Any) -> None:
    from playwright.sync_api import expect

    tab = tab_at(VIEWPORT)
    tab.goto(f"{server}/")
    tab.fill("#text", "TIANJIN, August 28, 2025\nThe summit opens on the 31st in Tianjin.")
    tab.click("button[type=submit]")
    notice = tab.locator("#undated")
    expect(notice).to_contain_text("No date was given")
    expect(notice).to_contain_text("“the 31st” as")
    shot(tab, "undated-notice")
    notice.locator("button", has_text="2025-08-28").click()
    tab.wait_for_selector("section.result")
    expect(tab.locator("#undated")).to_have_count(0)
    expect(tab.locator("#result .meta").first).to_contain_text("read as of 2025-08-28")
    expect(tab.locator("#as_of")).to_have_value("2025-08-28")


def test_the_keyboard_reaches_a_citation_in_a_few_presses(server: str, tab_at: Any) -> None:
    tab = tab_at(VIEWPORT)
    submit(tab, server, ARTICLE, "2025-08-28")
    # The page's first stop for Tab is the way to the results.
    first = tab.evaluate(
        """() => { const a = document.querySelector('a[href], button, input:not([type=hidden]), '
             + 'textarea, select, summary, [tabindex]:not([tabindex="-1"])');
             a.focus(); return [a.textContent, a.hash]; }"""
    )
    assert first == ["Skip to the results", "#result"]
    tab.keyboard.press("Enter")
    assert tab.evaluate("document.activeElement.id") == "result"
    presses = 0
    while not tab.evaluate("!!document.activeElement.closest('.citation .statement')"):
        presses += 1
        assert presses <= 8, "no citation within 8 presses of Tab from the results"
        tab.keyboard.press("Tab")
    ring = tab.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert ring == "rgb(26, 95, 180)"  # #1a5fb4: 6.3:1 against white


def test_an_error_takes_the_focus(server: str, tab_at: Any) -> None:
    tab = tab_at(VIEWPORT)
    tab.goto(f"{server}/")
    tab.fill("#text", "  ")
    tab.click("button[type=submit]")
    tab.wait_for_selector("#form-error")
    assert tab.evaluate("document.activeElement.id") == "form-error"


def axe_violations(tab: Page) -> list[dict[str, Any]]:
    """Run axe-core on the page and return its violations."""
    if not AXE.is_file():
        missing(f"axe-core is not at {AXE} (npm ci --prefix tests/browser)")
    tab.add_script_tag(path=str(AXE))
    found: list[dict[str, Any]] = tab.evaluate(
        "async () => (await axe.run(document)).violations"
        ".map(v => ({id: v.id, nodes: v.nodes.map(n => n.target.join(' '))}))"
    )
    return found


def test_the_pages_have_no_accessibility_violations(server: str, tab_at: Any) -> None:
    # The test alone lifts the pages' CSP, so axe's script can be injected.
    tab = tab_at(VIEWPORT, bypass_csp=True)
    submit(tab, server, ARTICLE + "\nThe summit opens on the 31st in Tianjin.", "2025-08-28")
    pages = {"check with results": axe_violations(tab)}
    fact = tab.locator(".citation .statement a").first.get_attribute("href")
    source = tab.locator(".citation .source a").first.get_attribute("href")
    for name, path in (("facts", "/facts"), ("a fact", fact), ("a source", source)):
        tab.goto(f"{server}{path}")
        pages[name] = axe_violations(tab)
    shot(tab, "source-page")
    assert pages == {name: [] for name in pages}


def test_a_claim_checked_before_links_to_the_fact_check(server: str, tab_at: Any) -> None:
    from playwright.sync_api import expect

    tab = tab_at(VIEWPORT, bypass_csp=True)
    text = (
        "The SCO was founded in 2001 and it has 12 member states. "
        "Goldfish have a memory span of three seconds."
    )
    submit(tab, server, text, "2025-08-28")
    expect(tab.locator(".checked-count")).to_contain_text("1 already checked")
    earlier = tab.locator(".past-only")
    expect(earlier).to_contain_text("Goldfish have a memory span of three seconds.")
    expect(earlier).to_contain_text("Already checked by Science Checks")
    link = earlier.get_by_role("link", name="The goldfish memory myth")
    expect(link).to_have_attribute("href", "https://checks.example/goldfish")
    shot(tab, "already-checked")
    assert axe_violations(tab) == []


def test_a_fact_page_names_things_and_says_where_the_quote_comes_from(
    server: str, tab_at: Any
) -> None:
    from playwright.sync_api import expect

    tab = tab_at(VIEWPORT)
    facts = tab.request.get(f"{server}/api/v1/facts?q=ratified").json()["facts"]
    quoted = next(f for f in facts if f["quoted_from"])
    tab.goto(f"{server}/facts/{quoted['id']}")
    expect(tab.locator("h1")).to_have_text(quoted["statement"])
    assert tab.get_by_text(quoted["statement"], exact=True).count() == 1
    expect(tab.locator(".properties")).to_contain_text(quoted["entity_name"])
    expect(tab.locator(".properties")).to_contain_text(quoted["attribute_name"])
    expect(tab.locator(".cited-through")).to_contain_text(
        f"cited through {quoted['quoted_source']['title']}"
    )
    shot(tab, "fact-page")
    listed = tab.request.get(f"{server}/api/v1/facts?q=members").json()["facts"]
    members = next(f for f in listed if f["value_names"] and len(f["value_names"]) > 1)
    tab.goto(f"{server}/facts/{members['id']}")
    expect(tab.locator("ul.values li")).to_have_text(members["value_names"])
