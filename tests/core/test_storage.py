"""Where attached files are kept: a private folder by default, S3 from the environment."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages

from core.storage import attachment_storage


def test_embedded_files_go_to_a_folder_under_the_data_directory_with_no_url() -> None:
    entry = attachment_storage({}, Path("/srv/avvik/var"))
    assert entry["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    assert entry["OPTIONS"]["location"] == "/srv/avvik/var/attachments"
    assert entry["OPTIONS"]["base_url"] is None
    assert entry["OPTIONS"]["file_permissions_mode"] == 0o600


def test_the_folder_can_be_moved() -> None:
    entry = attachment_storage({"AVVIK_ATTACHMENT_DIR": "/data/vedlegg"}, Path("/srv/avvik/var"))
    assert entry["OPTIONS"]["location"] == "/data/vedlegg"


def test_a_bucket_in_the_environment_means_a_private_s3_store() -> None:
    entry = attachment_storage(
        {
            "AVVIK_S3_BUCKET": "avvik-vedlegg",
            "AVVIK_S3_ENDPOINT_URL": "https://s3.example.no",
            "AVVIK_S3_REGION": "no-south-1",
            "AVVIK_S3_ACCESS_KEY_ID": "id",
            "AVVIK_S3_SECRET_ACCESS_KEY": "secret",
        },
        Path("/srv/avvik/var"),
    )
    assert entry["BACKEND"] == "storages.backends.s3.S3Storage"
    assert entry["OPTIONS"] == {
        "bucket_name": "avvik-vedlegg",
        "location": "attachments",
        "default_acl": "private",
        "querystring_auth": True,
        "file_overwrite": False,
        "endpoint_url": "https://s3.example.no",
        "region_name": "no-south-1",
        "access_key": "id",
        "secret_key": "secret",
    }


def test_the_s3_entry_builds_a_storage_without_reaching_the_network() -> None:
    from storages.backends.s3 import S3Storage

    entry = attachment_storage({"AVVIK_S3_BUCKET": "avvik-vedlegg"}, Path("/tmp"))
    storage = S3Storage(**entry["OPTIONS"])
    assert storage.bucket_name == "avvik-vedlegg"
    assert storage.file_overwrite is False


def test_the_settings_have_the_alias_and_the_tests_use_a_folder_of_their_own() -> None:
    assert "attachments" in settings.STORAGES
    storage = storages["attachments"]
    assert isinstance(storage, FileSystemStorage)
    assert "pytest" in str(storage.location)
