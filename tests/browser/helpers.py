"""What browser tests do again and again: sign in through the form, and check a page with axe-core."""

from __future__ import annotations

from tests.factories import PASSWORD

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def sign_in_as(page, email: str, password: str = PASSWORD) -> None:  # noqa: ANN001
    """Sign in the way a person does: type into the labelled fields and press the button."""
    page.goto("/sign-in")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()


def assert_accessible(page) -> None:  # noqa: ANN001
    """No serious or critical axe-core violations of WCAG 2.1 A/AA on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}})
    violations = [v for v in results.response["violations"] if v.get("impact") in ("serious", "critical")]
    summary = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert violations == [], f"{page.url}: {summary}"
