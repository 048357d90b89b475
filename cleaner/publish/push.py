"""`cleaner push`: upload a published version to the Hugging Face Hub and tag it."""

from __future__ import annotations

import json
from pathlib import Path


class PushError(Exception):
    """The upload did not happen; the message is one line for the user."""


def push_version(version_dir: str, repo_id: str, private: bool = False) -> str:
    path = Path(version_dir)
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise PushError(f"{version_dir} is not a published version (no readable manifest.json)") from None
    version = path.name
    try:
        from huggingface_hub import HfApi
        from huggingface_hub.errors import HfHubHTTPError
    except ImportError:
        raise PushError("huggingface_hub is not installed") from None
    api = HfApi()
    try:
        api.create_repo(repo_id, repo_type="dataset", private=private, exist_ok=True)
        commit = api.upload_folder(folder_path=str(path), repo_id=repo_id, repo_type="dataset",
                                   commit_message=f"cleaner: version {version} ({manifest['content_fingerprint'][:12]})")
        api.create_tag(repo_id, tag=f"v{version}", repo_type="dataset", revision=commit.oid, exist_ok=True)
    except HfHubHTTPError as e:
        raise PushError(f"the Hub refused the upload: {str(e).splitlines()[0]}") from None
    except Exception as e:  # no network, DNS failure, offline mode, missing token...
        first = str(e).splitlines()[0] if str(e) else type(e).__name__
        raise PushError(f"cannot reach the Hugging Face Hub ({type(e).__name__}: {first[:200]})") from None
    return f"https://huggingface.co/datasets/{repo_id}/tree/v{version}"
