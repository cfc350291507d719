"""The web editor at /admin/: generated config, valid and in step with the schema."""

import json
import subprocess
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jsonschema
import yaml

from conftest import COMMUNE, ROOT
from creditsite.load.site import load_site_data
from creditsite.model.fund import LedgerYear
from creditsite.model.stories import Story, StoryTranslation

DATA = load_site_data(COMMUNE)
SCHEMA = json.loads((ROOT / "tests/vendor/sveltia-cms.schema.json").read_text(encoding="utf-8"))


def config(site: Path) -> dict:
    return yaml.safe_load((site / "admin/config.yml").read_text(encoding="utf-8"))


def test_generated_config_is_valid_for_sveltia(site: Path) -> None:
    errors = [e.message for e in jsonschema.Draft7Validator(SCHEMA).iter_errors(config(site))]
    assert not errors


def test_story_fields_match_the_validator_schema(site: Path) -> None:
    stories = next(c for c in config(site)["collections"] if c["name"] == "stories")
    fields = {f["name"]: f for f in stories["fields"]}
    assert set(fields) == set(Story.model_fields) | {"body"}
    for name, info in Story.model_fields.items():
        assert fields[name]["required"] == info.is_required(), name
        assert fields[name]["i18n"] == (name in StoryTranslation.model_fields), name
    assert [o["value"] for o in fields["village"]["options"]] == [v.id for v in DATA.commune.villages]
    assert [o["value"] for o in fields["programs"]["options"]] == list(DATA.programs)
    consent = {f["name"] for f in fields["consent"]["fields"]}
    assert consent == {"given", "date", "recorded_by"}


def test_ledger_fields_match_the_validator_schema(site: Path) -> None:
    ledger = next(c for c in config(site)["collections"] if c["name"] == "fund-ledger")
    fields = {f["name"]: f for f in ledger["fields"]}
    assert set(fields) == set(LedgerYear.model_fields)
    receipt = {f["name"]: f for f in fields["receipts"]["fields"]}
    assert [o["value"] for o in receipt["category"]["options"]] == [c.id for c in DATA.fund.receipt_categories]


def test_admin_loads_in_chromium_with_the_generated_config(site: Path) -> None:
    handler = partial(SimpleHTTPRequestHandler, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with tempfile.TemporaryDirectory() as profile:
            dom = subprocess.run(
                ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 f"--user-data-dir={profile}", "--virtual-time-budget=15000", "--dump-dom",
                 f"http://127.0.0.1:{server.server_port}/admin/"],
                capture_output=True, text=True, timeout=120,
            ).stdout
    finally:
        server.shutdown()
    repo = DATA.cms.repo.split("/")[1]
    assert repo in dom, "the editor did not read the generated config"
    assert "Sign In" in dom or "Đăng nhập" in dom
