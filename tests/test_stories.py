"""Model-household stories: pages, listings, consent, privacy, photos, samples."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from conftest import COMMUNE, page, run_build, run_cli
from creditsite.build import prepare
from creditsite.errors import DataError
from creditsite.load import privacy
from creditsite.load.site import load_site_data

DATA = load_site_data(COMMUNE)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_fixture_stories_are_marked_samples() -> None:
    assert len(DATA.stories) >= 2 and all(s.meta.sample for s in DATA.stories)


@pytest.mark.parametrize("story", DATA.stories, ids=lambda s: s.slug)
def test_story_page_shows_banner_facts_links_and_photos(site: Path, story) -> None:
    doc = page(site, f"/guong-dien-hinh/{story.slug}/")
    text = norm(doc.select_one("article").get_text(" "))
    assert "Ví dụ minh họa" in text
    facts = doc.select_one(".cs-story-facts")
    for pid in story.meta.programs:
        assert facts.find("a", href=f"../../vay-von/{pid}/")
    assert norm(story.meta.before) in norm(facts.get_text(" ")) and norm(story.meta.after) in norm(facts.get_text(" "))
    images = doc.select("article img")
    assert len(images) == len(story.meta.photos)
    assert all(img.get("alt") for img in images)
    en = page(site, f"/en/guong-dien-hinh/{story.slug}/")
    assert en.html["lang"] == "en" and "Illustrative example" in en.get_text()


def test_listings_newest_first_and_by_village_programme_year(site: Path) -> None:
    titles = [a.get_text() for a in page(site, "/guong-dien-hinh/").select("article h2 a:not(.headerlink)")]
    assert titles == [s.meta.title for s in sorted(DATA.stories, key=lambda s: -s.meta.year)]
    for story in DATA.stories:
        m = story.meta
        for path in (
            f"/guong-dien-hinh/thon/{m.village}/",
            f"/guong-dien-hinh/nam/{m.year}/",
            *[f"/guong-dien-hinh/chuong-trinh/{p}/" for p in m.programs],
        ):
            assert m.title in page(site, path).get_text(), path
        for pid in m.programs:
            assert m.title in page(site, f"/vay-von/{pid}/").find(id="guong-dien-hinh").find_next("ul").get_text()


def test_published_photos_are_resized_and_carry_no_exif(site: Path) -> None:
    images = [p for p in site.rglob("*") if p.suffix.lower() in (".jpg", ".jpeg", ".png", ".webp")]
    photos = [p for p in images if "guong-dien-hinh" in p.parts]
    assert photos
    for path in images:
        with Image.open(path) as image:
            assert not image.getexif(), path
            assert "exif" not in image.info, path
    for path in photos:
        with Image.open(path) as image:
            assert max(image.size) <= 1200


def story_file(project: Path) -> Path:
    return project / "docs/guong-dien-hinh" / f"{DATA.stories[0].slug}.md"


@pytest.mark.slow
def test_story_without_consent_never_builds(project: Path, tmp_path: Path) -> None:
    path = story_file(project)
    path.write_text(path.read_text(encoding="utf-8").replace("given: true", "given: false"), encoding="utf-8")
    for result in (run_cli(project, "check"), run_build(project, tmp_path / "site")):
        output = result.stdout + result.stderr
        assert result.returncode != 0 and "Traceback" not in output
        assert f"docs/guong-dien-hinh/{DATA.stories[0].slug}.md:" in output and "consent" in output


def test_story_with_an_id_number_fails_with_a_clear_message(project: Path) -> None:
    path = story_file(project)
    path.write_text(path.read_text(encoding="utf-8") + "\nSố CCCD của anh là 044098001234.\n", encoding="utf-8")
    result = run_cli(project, "check")
    assert result.returncode != 0
    assert "citizen ID" in result.stderr and "044098001234" not in result.stderr  # masked in the log too


def test_missing_photo_and_unknown_village(project: Path) -> None:
    path = story_file(project)
    text = path.read_text(encoding="utf-8")
    text = text.replace(f"village: {DATA.stories[0].meta.village}", "village: thon-moi")
    text = text.replace(DATA.stories[0].meta.photos[0].file, "khong-co.jpg")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_site_data(project)
    messages = " ".join(str(p) for p in exc.value.problems)
    assert "unknown village" in messages and "photo file not found" in messages


@pytest.mark.slow
def test_story_without_english_falls_back_with_a_note(project: Path, tmp_path: Path) -> None:
    (project / f"docs/guong-dien-hinh/{DATA.stories[0].slug}.en.md").unlink()
    out = tmp_path / "site"
    assert run_build(project, out).returncode == 0
    doc = page(out, f"/en/guong-dien-hinh/{DATA.stories[0].slug}/")
    assert "not been translated" in doc.get_text() and doc.select_one('div[lang="vi"]')


@pytest.mark.slow
def test_samples_warn_and_production_refuses_them(project: Path, tmp_path: Path) -> None:
    result = run_build(project, tmp_path / "site")
    assert result.returncode == 0 and "sample content" in result.stderr
    env_result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path / "prod")],
        cwd=project,
        capture_output=True,
        text=True,
        env={**__import__("os").environ, "CREDITSITE_PRODUCTION": "1"},
    )
    assert env_result.returncode != 0 and "Traceback" not in env_result.stderr
    for rel in DATA.samples():
        assert rel in env_result.stderr
    assert "url_confirmed" in env_result.stderr


@pytest.mark.slow
def test_new_story_then_check_gives_a_story_that_builds(project: Path, tmp_path: Path) -> None:
    args = [
        "new-story",
        "--slug",
        "nuoi-ga-thon-ba",
        "--title",
        "Nuôi gà ở Thôn Ba",
        "--village",
        "thon-ba",
        "--program",
        "ho-ngheo",
        "--amount",
        "15000000",
        "--year",
        "2025",
        "--consent-by",
        "Cán bộ Hội Nông dân xã",
    ]
    created = run_cli(project, *args)
    assert created.returncode == 0, created.stderr
    checked = run_cli(project, "check")
    assert checked.returncode == 0 and "nuoi-ga-thon-ba.md" in checked.stderr  # warns: text still to write
    out = tmp_path / "site"
    assert run_build(project, out).returncode == 0
    assert "Nuôi gà ở Thôn Ba" in page(out, "/guong-dien-hinh/nuoi-ga-thon-ba/").get_text()


def test_new_story_reports_every_missing_or_wrong_answer(project: Path) -> None:
    result = run_cli(project, "new-story", "--slug", "Câu Chuyện", "--village", "thon-la")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    for field in ("[slug]", "[village]", "[program]", "[amount]", "[title]"):
        assert field in result.stderr


@pytest.mark.parametrize(
    "text",
    [
        "Gọi 0912 345 678 để hỏi.",
        "SĐT: 0912.345.678",
        "+84 912 345 678",
        "CCCD 044098001234",
        "CMND: 212345678",
        "Số tài khoản: 1903 5551 2345 67",
    ],
)
def test_guard_finds_personal_numbers(text: str) -> None:
    assert list(privacy.find(text)), text


@pytest.mark.parametrize(
    "text",
    [
        "Vay 100.000.000 đồng năm 2025.",
        "Vay 100000000 đồng.",
        "ngày 07/8/2025",
        "2025-08-07",
        "Quyết định 1560/QĐ-TTg",
        "lãi 0,55%/tháng",
        "PT-2025-01",
        "1.200 px",
        "https://baodantoc.vn/a-1747905782119.htm",
        "Năm 2021-2030",
    ],
)
def test_guard_ignores_dates_amounts_and_document_numbers(text: str) -> None:
    assert not list(privacy.find(text)), text


def test_guard_covers_all_content_but_allows_public_fields(project: Path, tmp_path: Path) -> None:
    fund = project / "plan_data/fund.yml"
    text = fund.read_text(encoding="utf-8")
    fund.write_text(text.replace("account_number: null", "account_number: '1903555123456'"), encoding="utf-8")
    prepare(project, tmp_path / "ok")  # the fund's public account is allowed
    units = project / "plan_data/units.yml"
    units.write_text(
        units.read_text(encoding="utf-8").replace(
            "đôn đốc thực hiện Kế hoạch", "đôn đốc thực hiện Kế hoạch, gọi 0987654321", 1
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as exc:
        prepare(project, tmp_path / "bad")
    assert exc.value.problems[0].file == "plan_data/units.yml" and exc.value.problems[0].line
