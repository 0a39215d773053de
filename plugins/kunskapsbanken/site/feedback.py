"""Where readers report an error or an accessibility problem without a GitHub account.

One setting, the plugin's ``feedback_address`` in mkdocs.yml: an e-mail address or the https
address of a web form. Every page's report links (overrides/partials/actions.html) and the report
page (templates/report.html, linked from the accessibility statement) read what this module makes
of it; GitHub's issue forms stay on offer beside it.
"""

from __future__ import annotations

import re

_EMAIL = re.compile(r"[^@\s<>\"'/?#&]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")
_FORM = re.compile(r"https://[^\s<>\"']+")


class FeedbackAddressInvalid(ValueError):
    pass


def feedback_link(address: str) -> dict:
    """``{"kind": "email" | "form" | "", "address": ..., "href": ...}`` for ``feedback_address``.

    An e-mail address becomes a mailto: link (the pages add a subject naming themselves); a form
    is linked as it is. Empty means no such path: the pages then offer GitHub alone.
    """
    address = (address or "").strip()
    if not address:
        return {"kind": "", "address": "", "href": ""}
    if address.startswith("mailto:"):
        address = address[len("mailto:"):]
    if _EMAIL.fullmatch(address):
        return {"kind": "email", "address": address, "href": f"mailto:{address}"}
    if _FORM.fullmatch(address):
        return {"kind": "form", "address": address, "href": address}
    raise FeedbackAddressInvalid(
        f"mkdocs.yml, plugins → kunskapsbanken → feedback_address: {address!r} är varken en e-postadress "
        "(namn@exempel.se) eller adressen till ett webbformulär (https://…)")
