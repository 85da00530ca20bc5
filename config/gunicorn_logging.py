"""gunicorn's access log, with nothing in it that names a person or opens a page.

Whatever ``access_log_format`` asks for, only these fields have a value: the time, the
method, the path, the status, the bytes sent and the duration. The query string is left
out (a search for a name is ``?q=…``); so are the client's address, the referrer (which
holds the previous page's query), the browser, the user and every header, cookies above
all. The secret part of a one-time link (an invitation, a public notice) is replaced by
``…``: the log must not hand out working links."""

from __future__ import annotations

import re
from typing import Any

from gunicorn.glogging import Logger

# /invitasjon/<secret>/ and /varsel/<token>/… (accounts.urls, notifications.web.urls)
_SECRET_IN_PATH = re.compile(r"^/(invitasjon|varsel)/[^/]+")
_KEPT = ("t", "m", "s", "b", "B", "M", "D", "L", "T", "p", "H")


def path_without_secrets(path: str) -> str:
    """The request's path as it may be logged."""
    return _SECRET_IN_PATH.sub(lambda match: f"/{match.group(1)}/…", path)


class AccessLogWithoutPersonalData(Logger):
    def atoms(self, resp: Any, req: Any, environ: dict[str, Any], request_time: Any) -> dict[str, Any]:
        every = super().atoms(resp, req, environ, request_time)
        kept = {name: every[name] for name in _KEPT if name in every}
        path = path_without_secrets(environ.get("PATH_INFO") or "/")
        kept["U"] = path
        kept["r"] = f"{environ.get('REQUEST_METHOD', '-')} {path} {environ.get('SERVER_PROTOCOL', '-')}"
        return kept
