"""Loaders for content that is not one YAML file: the fund's yearly ledger
(plan_data/fund/<year>.yml) and model-household stories (Markdown with front
matter in docs/guong-dien-hinh/)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from pathlib import Path

from creditsite.errors import DataError, Problem
from creditsite.load import photos
from creditsite.load.validation import validate
from creditsite.load.yamlfile import LineMap, parse_yaml, read_text, yml_files
from creditsite.model.base import SLUG_PATTERN, slug_for
from creditsite.model.fund import Entry, Fund, LedgerYear
from creditsite.model.stories import STORIES_DIR, Story, StoryEntry, StoryTranslation

_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n---[ \t]*\r?\n?(.*)\Z", re.S)


def load_ledger(root: Path, fund: Fund, today: dt.date) -> list[LedgerYear]:
    """Every year of the fund's ledger, checked entry by entry and chained:
    each year opens with the previous year's closing balance."""
    years: list[LedgerYear] = []
    files, problems = yml_files(root / "plan_data/fund", "plan_data/fund")
    if problems:  # a skipped year would also break the chain of balances: say the cause only
        raise DataError(problems)
    for path in files:
        rel = f"plan_data/fund/{path.name}"
        try:
            raw, lines = parse_yaml(read_text(path, rel), rel)
            year = validate(raw, lines, rel, LedgerYear)
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        problems += _check_year(year, rel, lines, fund, today, path.stem)
        years.append(year)
    years.sort(key=lambda y: y.year)
    for prev, cur in zip(years, years[1:]):
        rel = f"plan_data/fund/{cur.year}.yml"
        if cur.year != prev.year + 1:
            problems.append(
                Problem(rel, f"thiếu sổ quỹ năm {prev.year + 1} (missing year between {prev.year} and {cur.year})")
            )
        elif cur.opening_balance_vnd != prev.closing_balance:
            problems.append(
                Problem(
                    rel,
                    f"số dư đầu năm phải bằng số dư cuối năm {prev.year}: {prev.closing_balance} (opening balance "
                    "must equal last year's closing balance)",
                    field="opening_balance_vnd",
                )
            )
    if problems:
        raise DataError(problems)
    return years


def _check_year(year: LedgerYear, rel: str, lines: LineMap, fund: Fund, today: dt.date, stem: str) -> list[Problem]:
    problems: list[Problem] = []
    if stem != str(year.year):
        problems.append(
            Problem(
                rel, f"tên tệp phải là {year.year}.yml (file name must match 'year')", lines.line_of(("year",)), "year"
            )
        )
    kinds: tuple[tuple[str, Sequence[Entry], set[str]], ...] = (
        ("receipts", year.receipts, {c.id for c in fund.receipt_categories}),
        ("spending", year.spending, {c.id for c in fund.spending_categories}),
    )
    refs: set[str] = set()
    for kind, entries, categories in kinds:
        for i, entry in enumerate(entries):
            line = lines.line_of((kind, i))
            if entry.date.year != year.year:
                problems.append(
                    Problem(
                        rel,
                        f"ngày {entry.date} không thuộc năm {year.year} (date outside the year)",
                        line,
                        f"{kind}[{i}].date",
                    )
                )
            if entry.date > today:
                problems.append(
                    Problem(rel, f"ngày {entry.date} ở tương lai (date in the future)", line, f"{kind}[{i}].date")
                )
            if entry.category not in categories:
                problems.append(
                    Problem(
                        rel,
                        f"không có nhóm '{entry.category}'; dùng một trong: {', '.join(sorted(categories))} (unknown "
                        "category)",
                        line,
                        f"{kind}[{i}].category",
                    )
                )
            if entry.reference in refs:
                problems.append(
                    Problem(
                        rel,
                        f"số chứng từ '{entry.reference}' bị trùng (duplicate reference)",
                        line,
                        f"{kind}[{i}].reference",
                    )
                )
            refs.add(entry.reference)
    # The fund never spends money it does not have, on any day.
    balance = year.opening_balance_vnd
    moves = sorted(
        [(r.date, 0, r.amount_vnd) for r in year.receipts] + [(s.date, 1, -s.amount_vnd) for s in year.spending]
    )
    for when, _, amount in moves:
        balance += amount
        if balance < 0:
            problems.append(
                Problem(rel, f"ngày {when} chi nhiều hơn số tiền quỹ đang có (spending exceeds the balance)")
            )
            break
    return problems


UNREADABLE = "không đọc được ảnh này; hãy lưu lại dạng JPEG hoặc PNG (unreadable image)"


def photo_problem(path: Path) -> str | None:
    """Why the photo at `path` cannot be published, or None when it can."""
    try:
        photos.publishable(path.read_bytes(), path.suffix)
    except photos.PhotoError as exc:  # e.g. too large: say so, and what to do
        return str(exc)
    except (OSError, ValueError):
        return UNREADABLE
    return None


def split_front_matter(text: str, shown: str) -> tuple[str, str]:
    match = _FRONT.match(text)
    if not match:
        raise DataError(
            [Problem(shown, "thiếu phần thông tin đầu trang giữa hai dòng '---' (front matter missing)", 1)]
        )
    return match.group(1), match.group(2)


def _front(path: Path, shown: str, model: type) -> tuple[object, str]:
    head, body = split_front_matter(read_text(path, shown), shown)
    raw, lines = parse_yaml(head, shown)
    shifted = LineMap({k: v + 1 for k, v in lines.items()})  # the opening '---' is line 1
    return validate(raw, shifted, shown, model), body


def _misnamed(name: str) -> str | None:
    """How to rename a story file whose name is no slug (its slug is its address)."""
    suffix = ".en.md" if name.lower().endswith(".en.md") else ".md"
    stem = name[: -len(suffix)]
    if re.fullmatch(SLUG_PATTERN, stem) and name.endswith(suffix):
        return None
    right = f"{slug_for(stem) or 'cau-chuyen'}{suffix}"
    return (
        f"tên tệp câu chuyện chỉ gồm chữ thường không dấu, số và dấu '-': hãy đổi tên thành {right} "
        f"(story file names are lowercase ASCII words joined by '-': rename it to {right})"
    )


def load_stories(root: Path, villages: set[str], programs: set[str]) -> list[StoryEntry]:
    """Every story, newest first. The Vietnamese file holds the facts."""
    folder = root / STORIES_DIR
    problems: list[Problem] = []
    stories: list[StoryEntry] = []
    files = (
        sorted(p for p in folder.glob("*.md") if p.name != "index.md" and not p.name.endswith(".en.md"))
        if folder.is_dir()
        else []
    )
    for path in files:
        shown = f"{STORIES_DIR}/{path.name}"
        if rename := _misnamed(path.name):
            problems.append(Problem(shown, rename))
            continue
        try:
            meta, body = _front(path, shown, Story)
            en_path = path.with_name(path.stem + ".en.md")
            en, en_body = (
                _front(en_path, f"{STORIES_DIR}/{en_path.name}", StoryTranslation)
                if en_path.is_file()
                else (None, None)
            )
        except DataError as exc:
            problems.extend(exc.problems)
            continue
        assert isinstance(meta, Story)
        if meta.village not in villages:
            problems.append(
                Problem(
                    shown,
                    f"không có thôn '{meta.village}'; có: {', '.join(sorted(villages))} (unknown village)",
                    field="village",
                )
            )
        for pid in meta.programs:
            if pid not in programs:
                problems.append(Problem(shown, f"không có chương trình '{pid}' (unknown programme)", field="programs"))
        for photo in meta.photos:
            image = folder / photo.file
            if not image.is_file():
                problems.append(
                    Problem(
                        shown,
                        f"không tìm thấy ảnh '{photo.file}' cạnh câu chuyện (photo file not found next to the story)",
                        field="photos",
                    )
                )
            elif problem := photo_problem(image):
                problems.append(Problem(f"{STORIES_DIR}/{photo.file}", problem))
        stories.append(StoryEntry(path.stem, meta, body, shown, en, en_body))  # type: ignore[arg-type]
    for orphan in sorted(folder.glob("*.en.md")) if folder.is_dir() else []:
        if rename := _misnamed(orphan.name):
            problems.append(Problem(f"{STORIES_DIR}/{orphan.name}", rename))
            continue
        if orphan.name != "index.en.md" and not orphan.with_name(orphan.name[:-6] + ".md").is_file():
            problems.append(
                Problem(
                    f"{STORIES_DIR}/{orphan.name}",
                    "bản tiếng Anh không có bản tiếng Việt đi kèm (English file without its Vietnamese story)",
                )
            )
    if problems:
        raise DataError(problems)
    return sorted(stories, key=lambda s: (-s.meta.year, s.meta.title))
