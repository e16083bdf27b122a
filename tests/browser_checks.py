"""What a browser sees: requests to other hosts, console errors, axe-core violations."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import axe_playwright_python

# axe-core, as shipped inside the axe-playwright-python wheel (no download at run time).
AXE_SCRIPT = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")
SERIOUS = {"serious", "critical"}


@dataclass
class Watch:
    """Everything a page asked for and complained about while it was open."""

    host: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(("data:", "blob:")) and urlparse(u).netloc != self.host]


def watch(page, served_site: str) -> Watch:
    """Record requests and console errors; requests to any other host are recorded, then blocked,
    so a test never sends traffic off this machine."""
    seen = Watch(urlparse(served_site).netloc)
    page.on("request", lambda request: seen.requests.append(request.url))
    page.on("console", lambda message: message.type == "error" and seen.console_errors.append(message.text))
    page.on("pageerror", lambda error: seen.console_errors.append(str(error)))

    def route(route) -> None:
        if urlparse(route.request.url).netloc == seen.host or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            route.abort()

    page.route("**/*", route)
    return seen


def serious_violations(page) -> list[str]:
    """'rule: selector' for each serious or critical axe-core violation on the page."""
    page.evaluate(AXE_SCRIPT)
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{violation['id']}: {node['target']}"
        for violation in results["violations"]
        if violation["impact"] in SERIOUS
        for node in violation["nodes"]
    ]
