"""An officer's day, on a copy of the real commune's content.

The only test that reads the real content. It asserts none of its values: it
does what the README asks of an officer, whatever the content is today, then
checks, builds for production and publishes. Ordinary edits must never break
the product.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image

from conftest import ROOT, copy_project, page, run_cli
from creditsite.load.site import load_site_data
from creditsite.model.stories import STORIES_DIR, TODO

TODAY = dt.date.today()  # what the loader measures "not in the future" against


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, data: Any) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6), encoding="utf-8")


# What an officer types for a fact that was "chưa xác nhận" (null), by field name.
FILLED = {
    "address": {"vi": "Trụ sở UBND xã", "en": "The commune People's Committee office"},
    "place": {"vi": "Hội trường UBND xã", "en": "The commune People's Committee hall"},
    "hours": {"vi": "7 giờ 30 đến 11 giờ", "en": "7.30 to 11.00"},
    "phone": "0260 3 800 123",
    "day_of_month": 15,
}


def fill_unknowns(commune: dict) -> None:
    for part in [commune["bank_office"], commune["transaction_point"], *commune.get("contacts", [])]:
        for field, value in FILLED.items():
            if field in part and part[field] is None:
                part[field] = value


def change_a_rate(project: Path) -> tuple[str, float]:
    for path in sorted((project / "plan_data/programs").glob("*.yml")):
        programme = read(path)
        if isinstance(programme.get("interest_rate_pct_per_year"), (int, float)):
            programme["interest_rate_pct_per_year"] = round(programme["interest_rate_pct_per_year"] + 0.3, 2)
            write(path, programme)
            return programme["id"], programme["interest_rate_pct_per_year"]
    raise AssertionError("no programme with a rate to change")


def phone_photo() -> bytes:
    """A JPEG as a phone takes it: with the place it was taken (GPS EXIF)."""
    exif = Image.Exif()
    exif[0x010F] = "Phone maker"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (15.0, 4.0, 30.0), 3: "E", 4: (107.0, 52.0, 10.0)})
    out = io.BytesIO()
    Image.new("RGB", (800, 600), (90, 140, 60)).save(out, "JPEG", exif=exif)
    return out.getvalue()


def add_story(project: Path, data: Any) -> str:
    taken = {story.slug for story in data.stories}  # the content may already hold an officer's stories
    slug = next(f"nuoi-ga-tha-vuon-{n}" for n in range(1, len(taken) + 2) if f"nuoi-ga-tha-vuon-{n}" not in taken)
    answers = {
        "slug": slug,
        "title": "Nuôi gà thả vườn",
        "village": data.commune.villages[0].id,
        "program": next(iter(data.programs)),
        "amount": "30000000",
        "year": str(TODAY.year - 1),
        "consent_by": "Cán bộ Hội Nông dân xã",
    }
    result = run_cli(project, "new-story", *(f"--{k.replace('_', '-')}={v}" for k, v in answers.items()))
    assert result.returncode == 0, result.stdout + result.stderr
    story = project / STORIES_DIR / f"{slug}.md"
    (project / STORIES_DIR / f"{slug}-1.jpg").write_bytes(phone_photo())
    head, _, _ = story.read_text(encoding="utf-8").removeprefix("---\n").partition("\n---\n")
    meta = yaml.safe_load(head)
    meta.update(
        summary="Gia đình vay vốn để nuôi gà. Nay đàn gà đã lớn.",
        before="Gia đình chưa có nghề phụ.",
        after="Gia đình bán gà mỗi tháng.",
        photos=[{"file": f"{slug}-1.jpg", "alt": "Đàn gà trong vườn nhà."}],
    )
    body = "Gia đình vay vốn năm ngoái. Họ làm chuồng và mua gà giống.\n\nNay họ trả lãi đều hằng tháng.\n"
    story.write_text(f"---\n{yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)}---\n\n{body}", encoding="utf-8")
    return slug


def next_year(latest: int) -> int:
    """The year after the latest one, unless that year has not begun: then the latest year's real figures."""
    return latest + 1 if latest + 1 <= TODAY.year else latest


def on(year: int, month: int, day: int) -> dt.date:
    return min(dt.date(year, month, day), TODAY)


def add_ledger_year(project: Path, data: Any) -> int:
    last = data.ledger[-1]
    year = next_year(last.year)
    previous = next((y for y in data.ledger if y.year == year - 1 and not y.sample), None)
    category = last.receipts[0].category if last.receipts else read(project / "plan_data/fund.yml")
    entry = {"date": on(year, 1, 15), "donor": {"vi": "Cán bộ, công chức xã", "en": "Commune officials"}}
    receipt = {**entry, "amount_vnd": 2_000_000, "category": category, "reference": f"PT-{year}-01"}
    write(
        project / f"plan_data/fund/{year}.yml",
        {
            "year": year,
            "opening_balance_vnd": previous.closing_balance if previous else 0,
            "receipts": [receipt],
        },
    )
    return year


def add_progress_year(project: Path, data: Any) -> int:
    latest = max(data.progress)
    year = next_year(latest)
    report = read(project / f"plan_data/progress/{latest}.yml")
    report.update(year=year, sample=False, as_of=on(year, 9, 15))
    text = yaml.safe_dump(report, allow_unicode=True, sort_keys=False, width=10**6)
    text = text.replace(" (ví dụ)", "").replace(" (example)", "").replace(f"{latest}-", f"{year}-")
    (project / f"plan_data/progress/{year}.yml").write_text(text, encoding="utf-8")
    return year


def delete_samples(project: Path, data: Any, keep: set[str]) -> None:
    for rel in data.samples():
        if rel in keep:
            continue
        (project / rel).unlink()
        story = next((s for s in data.stories if s.source == rel), None)
        if story:  # its English text and photos go with it
            (project / rel).with_suffix(".en.md").unlink(missing_ok=True)
            for photo in story.meta.photos:
                (project / STORIES_DIR / photo.file).unlink()


@pytest.mark.slow
def test_an_officers_day_publishes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", content=ROOT)
    data = load_site_data(project)

    commune_file = project / "plan_data/commune.yml"
    commune = read(commune_file)
    fill_unknowns(commune)
    commune["site"].update(url="https://tin-dung.example.gov.vn/", url_confirmed=True)
    write(commune_file, commune)
    programme, rate = change_a_rate(project)
    slug = add_story(project, data)
    ledger_year = add_ledger_year(project, data)
    progress_year = add_progress_year(project, data)
    delete_samples(project, data, keep={f"plan_data/fund/{ledger_year}.yml", f"plan_data/progress/{progress_year}.yml"})

    checked = run_cli(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "nội dung mẫu" not in checked.stdout + checked.stderr and TODO not in checked.stdout + checked.stderr
    site = tmp_path / "site"
    built = run_cli(project, "build", "--production", "--site-dir", str(site))
    assert built.returncode == 0, built.stdout + built.stderr
    linked = run_cli(project, "linkcheck", str(site))
    assert linked.returncode == 0, linked.stdout + linked.stderr

    rates = {
        p["id"]: p["interest_rate_pct_per_year"]
        for p in json.loads((site / "data/programs.json").read_bytes())["programs"]
    }
    assert rates[programme] == rate
    story_page = page(site, f"/guong-dien-hinh/{slug}/")
    assert "Nuôi gà thả vườn" in story_page.get_text()
    (photo,) = [p for p in site.rglob(f"{slug}-1*.jpg")]
    assert not Image.open(photo).getexif().get_ifd(0x8825), "the photo's GPS location was published"
    day = str(FILLED["day_of_month"])
    assert day in page(site, "/vay-von/cach-vay/").get_text() or day in page(site, "/").get_text()

    www = tmp_path / "www"
    published = run_cli(project, "publish", str(site), str(www))
    assert published.returncode == 0, published.stdout + published.stderr
    assert (www / "index.html").is_file() and (www / "guong-dien-hinh" / slug / "index.html").is_file()
