"""The editors' check page: paste a claim or a whole draft and see every claim marked by verdict."""

from __future__ import annotations

from typing import Any, NamedTuple

from flask import Blueprint, current_app, render_template, request
from flask_wtf.csrf import CSRFError
from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup
from pydantic import ValidationError
from werkzeug.exceptions import RequestEntityTooLarge, TooManyRequests

from verifier.budget import OverBudget
from verifier.data.check import CheckedText, CheckRequest, check_text, claim_reviews
from verifier.data.claimreview import CONTEXT
from verifier.data.requests import LIMIT_KEYS
from verifier.data.schemas import TOO_LARGE
from verifier.drafts.render import ICONS, mark, ranked
from verifier.extensions import Store

bp = Blueprint("check", __name__)


def jsonld_script(data: dict[str, Any]) -> Markup:
    """Return DATA as a JSON-LD script element, safe to embed in HTML."""
    # A data block, never run; htmlsafe_json_dumps writes <, >, & and ' as \u escapes, so
    # a draft saying "</script>" cannot close the element.
    return Markup('<script type="application/ld+json">{}</script>').format(
        htmlsafe_json_dumps({"@context": CONTEXT, **data})
    )


class FormProblem(NamedTuple):
    """Why a posted form cannot be checked: the status, a message to act on, and its field."""

    status: int
    message: str
    field: str = "text"


def _posted_date() -> str:
    """Return the posted date: the one a suggestion button carries, else the date field."""
    return request.form.get("use_as_of") or request.form.get("as_of", "")


def _read_form() -> CheckRequest | FormProblem:
    """Validate the posted form as a CheckRequest, or say what is wrong with it."""
    fields = {"text": request.form.get("text", "")}
    # A date field left empty sends "", which means today, as a missing as_of does in the API.
    posted = _posted_date()
    if posted:
        fields["as_of"] = posted
    context = {key: current_app.config.get(key) for key in LIMIT_KEYS}
    try:
        return CheckRequest.model_validate_strings(fields, context=context)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
    if first["loc"][:1] == ("as_of",):
        return FormProblem(
            400,
            f"“{fields['as_of']}” is not a date the check can use; "
            "pick one in the calendar or write it as YYYY-MM-DD.",
            "as_of",
        )
    return FormProblem(413 if first["type"] == TOO_LARGE else 400, str(first["msg"]))


def _page(
    text: str,
    as_of: str,
    *,
    checked: CheckedText | None = None,
    error: FormProblem | None = None,
) -> tuple[str, int]:
    """Render the check page with the form as sent and, when there is one, the result."""
    result = None if checked is None else checked.result
    marked = None if result is None else mark(result)
    return render_template(
        "check.html",
        text=text,
        as_of=as_of,
        error=None if error is None else error.message,
        error_field=None if error is None else error.field,
        max_chars=current_app.config["MAX_DRAFT_CHARS"],
        result=result,
        paragraphs=marked,
        ranked=None if marked is None else ranked(marked),
        inside={}
        if marked is None
        else {n: c for p in marked for m in p for n, c in m.contains.items()},
        suggested=None if result is None else result.suggested_as_of(),
        past={} if checked is None else checked.past_by_number(),
        past_only=[] if checked is None else checked.past_without_claims(),
        checked_before=0 if checked is None else len(checked.repeated()),
        icons=ICONS,
        summary=Store.summary(),
        jsonld=None
        if result is None or not result.claims
        else jsonld_script(claim_reviews(result)),
    ), 200 if error is None else error.status


@bp.route("/", methods=["GET", "POST"])
def index() -> tuple[str, int]:
    """Show the check form and, after a submit, the checked text."""
    if request.method == "GET":
        return _page("", "")
    text, as_of = request.form.get("text", ""), _posted_date()
    body = _read_form()
    if isinstance(body, FormProblem):
        return _page(text, as_of, error=body)
    return _page(text, as_of, checked=check_text(body))


@bp.errorhandler(RequestEntityTooLarge)
def too_large(error: RequestEntityTooLarge) -> tuple[str, int]:
    """Say a form past MAX_CONTENT_LENGTH was not read; its text is not there to keep."""
    most = current_app.config["MAX_CONTENT_LENGTH"]
    return _page(
        "",
        "",
        error=FormProblem(
            413,
            f"The text is larger than the {most:,} bytes a form "
            "may carry, so nothing was checked; check it in parts.",
        ),
    )


def _again(status: int, error: str) -> tuple[str, int]:
    """Show the form again with the posted text and date kept, and ERROR above it."""
    return _page(request.form.get("text", ""), _posted_date(), error=FormProblem(status, error))


@bp.errorhandler(TooManyRequests)
def rate_limited(error: TooManyRequests) -> tuple[str, int, dict[str, str]]:
    """Show the form again, text kept, when the client has spent its checks for now."""
    page, status = _again(
        429,
        f"Too many checks from this address for now (the limit is {error.description}, "
        "a long text counting as several claims); nothing was checked. Try again in a minute.",
    )
    return page, status, {"Retry-After": str(error.retry_after or 1)}


@bp.errorhandler(OverBudget)
def over_budget(error: OverBudget) -> tuple[str, int]:
    """Show the form again, text kept, when the check ran out of time."""
    return _again(503, str(error))


@bp.errorhandler(CSRFError)
def csrf_failed(error: CSRFError) -> tuple[str, int]:
    """Show the form again, text kept, when its CSRF token is missing, stale or foreign."""
    return _again(
        400,
        "The form had expired or did not come from this page, so nothing was checked; "
        "check the text again.",
    )
