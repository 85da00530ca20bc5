"""Where the files attached to cases are kept: a storage alias of Django's storage API,
``attachments``, read from the environment by ``config.settings``.

Embedded: a folder under the data directory (``var/attachments``), outside the web root and
never served by a URL of its own; the case page's download view reads it. Production: any
S3-compatible store through django-storages when ``AVVIK_S3_BUCKET`` is set — private
objects, no public URLs, names never overwritten."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any


def attachment_storage(environ: Mapping[str, str], var_dir: Path) -> dict[str, Any]:
    """The ``STORAGES["attachments"]`` entry for this environment."""
    bucket = environ.get("AVVIK_S3_BUCKET", "").strip()
    if not bucket:
        location = environ.get("AVVIK_ATTACHMENT_DIR", "").strip() or str(var_dir / "attachments")
        return {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            # base_url None: the files have no URL; file and folder modes keep them to the
            # user the server runs as.
            "OPTIONS": {
                "location": location,
                "base_url": None,
                "file_permissions_mode": 0o600,
                "directory_permissions_mode": 0o700,
            },
        }
    options: dict[str, Any] = {
        "bucket_name": bucket,
        "location": environ.get("AVVIK_S3_PREFIX", "attachments").strip("/"),
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
    }
    for variable, option in (
        ("AVVIK_S3_ENDPOINT_URL", "endpoint_url"),
        ("AVVIK_S3_REGION", "region_name"),
        ("AVVIK_S3_ACCESS_KEY_ID", "access_key"),
        ("AVVIK_S3_SECRET_ACCESS_KEY", "secret_key"),
    ):
        value = environ.get(variable, "").strip()
        if value:
            options[option] = value
    return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
