"""Generating pages and staging the docs tree, without MkDocs."""

import datetime as dt
from pathlib import Path

import pytest

from conftest import COMMUNE
from creditsite.build import prepare
from creditsite.errors import DataError
from creditsite.load.site import load_site_data
from creditsite.render.pages import generate


def test_generated_pages_cover_every_unit_in_both_languages() -> None:
    data = load_site_data(COMMUNE)
    paths = {p.path for p in generate(data, dt.date(2026, 11, 25))}
    for unit in data.units.units:
        assert f"ke-hoach/don-vi/{unit.id}.md" in paths
        assert f"ke-hoach/don-vi/{unit.id}.en.md" in paths
    assert {"ke-hoach/index.md", "ke-hoach/index.en.md", "ke-hoach/muc-tieu.md", "ke-hoach/muc-tieu.en.md"} <= paths


def test_unit_page_lists_its_tasks_from_the_plan() -> None:
    data = load_site_data(COMMUNE)
    pages = {p.path: p.markdown for p in generate(data, dt.date(2026, 11, 25))}
    economic = pages["ke-hoach/don-vi/phong-kinh-te.md"]
    lead = [t for t in data.plan.tasks() if "phong-kinh-te" in t.assigned.lead]
    assert f"Nhiệm vụ chủ trì ({len(lead)})" in economic
    for task in lead:
        assert f"(../index.md#{task.anchor})" in economic


def test_next_dates_follow_today() -> None:
    data = load_site_data(COMMUNE)
    before = {p.path: p.markdown for p in generate(data, dt.date(2026, 9, 1))}["ke-hoach/muc-tieu.md"]
    after = {p.path: p.markdown for p in generate(data, dt.date(2026, 10, 1))}["ke-hoach/muc-tieu.md"]
    assert "30/09/2026" in before and "30/09/2027" in after


def test_staging_writes_only_changes_and_removes_stale_files(project: Path, tmp_path: Path) -> None:
    staged = tmp_path / "staged"
    first = prepare(project, staged).result
    assert first.changed > 20
    (staged / "stale.md").write_text("old", encoding="utf-8")
    second = prepare(project, staged).result
    assert second.written == [] and second.removed == ["stale.md"]


def test_untranslated_page_gets_an_english_fallback_with_a_note(project: Path, tmp_path: Path) -> None:
    (project / "docs/chi-tieng-viet.md").write_text(
        "---\ntitle: Thử\n---\n\n# Thử\n\nChỉ có tiếng Việt.\n", encoding="utf-8"
    )
    staged = tmp_path / "staged"
    prepare(project, staged)
    fallback = (staged / "chi-tieng-viet.en.md").read_text(encoding="utf-8")
    assert fallback.startswith("---\ntitle: Thử\n---\n")
    assert "Not yet translated" in fallback and '<div lang="vi" markdown>' in fallback
    assert "Chỉ có tiếng Việt." in fallback


def test_placeholders_are_filled_from_data(project: Path, tmp_path: Path) -> None:
    staged = tmp_path / "staged"
    prepare(project, staged)
    assert "# Tín dụng chính sách xã Thử Nghiệm" in (staged / "index.md").read_text(encoding="utf-8")
    assert "chưa xác nhận" in (staged / "index.md").read_text(encoding="utf-8")


def test_bad_placeholder_names_the_page(project: Path, tmp_path: Path) -> None:
    (project / "docs/sai.md").write_text("# Sai\n\n{{ commune.nam }}\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        prepare(project, tmp_path / "staged")
    assert exc.value.problems[0].file == "docs/sai.md"


def test_placeholders_cannot_reach_python_internals(project: Path, tmp_path: Path) -> None:
    (project / "docs/xau.md").write_text("{{ commune.__class__.__mro__ }}\n", encoding="utf-8")
    with pytest.raises(DataError):
        prepare(project, tmp_path / "staged")


def test_hand_written_page_may_not_replace_a_generated_one(project: Path, tmp_path: Path) -> None:
    (project / "docs/ke-hoach").mkdir()
    (project / "docs/ke-hoach/muc-tieu.md").write_text("# x\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        prepare(project, tmp_path / "staged")
    assert exc.value.problems[0].file == "docs/ke-hoach/muc-tieu.md"


def test_markdown_escape_keeps_data_literal() -> None:
    from creditsite.render.markdown import escape

    assert escape("Tổ TK&VV") == "Tổ TK&VV"  # glossary tooltips must still match
    assert (
        escape("<script>x</script> *a* [b](c) &amp;") == "&lt;script&gt;x&lt;/script&gt; \\*a\\* \\[b\\](c) &amp;amp;"
    )
