"""Write a complete story skeleton for an officer: the right front matter,
with facts checked against the data, and a body to fill in."""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path

import yaml

from creditsite import clock
from creditsite.errors import DataError, Problem
from creditsite.load.site import load_site_data
from creditsite.model.base import MONEY_HINT, WHOLE_HINT
from creditsite.model.stories import STORIES_DIR, TODO

FIELDS = [  # (name, question)
    ("slug", "Tên tệp (chữ thường không dấu, nối bằng '-', ví dụ nuoi-ga-kon-liem)"),
    ("title", "Tiêu đề câu chuyện"),
    ("village", "Mã thôn"),
    ("program", "Mã chương trình vay"),
    ("amount", "Số tiền vay (đồng, chỉ ghi số, ví dụ 30000000)"),
    ("year", "Năm vay"),
    ("consent_by", "Ai ghi nhận sự đồng ý của gia đình? (chức vụ, ví dụ: Cán bộ Hội Phụ nữ xã; để trống nếu chưa có)"),
]


def create(root: Path, answers: dict[str, str | None], ask: Callable[[str], str] | None = None) -> Path:
    """Write docs/guong-dien-hinh/<slug>.md. Missing answers are asked with
    `ask` (interactive use) or reported together as one error."""
    data = load_site_data(root)
    villages = {v.id: v.name for v in data.commune.villages}
    hints = {"village": ", ".join(f"{k} ({v})" for k, v in villages.items()), "program": ", ".join(data.programs)}
    values = dict(answers)
    for name, question in FIELDS:
        if not values.get(name) and ask is not None and name != "consent_by":
            values[name] = ask(f"{question}" + (f" [{hints[name]}]" if name in hints else "") + ": ").strip()
        elif name == "consent_by" and values.get(name) is None and ask is not None:
            values[name] = ask(question + ": ").strip()
    values.setdefault("year", str(clock.today().year))
    values["year"] = values.get("year") or str(clock.today().year)

    problems = _check(values, villages, set(data.programs), root)
    if problems:
        raise DataError(problems)
    path = root / STORIES_DIR / f"{values['slug']}.md"
    path.write_text(_skeleton(values), encoding="utf-8")
    return path


def _check(values: dict[str, str | None], villages: dict[str, str], programs: set[str], root: Path) -> list[Problem]:
    where = f"{STORIES_DIR}/{values.get('slug') or '?'}.md"
    problems = []

    def bad(field: str, message: str) -> None:
        problems.append(Problem(where, message, field=field))

    for name, _ in FIELDS:
        if name != "consent_by" and not values.get(name):
            bad(name, f"thiếu '{name.upper()}=…' (missing value)")
    slug = values.get("slug") or ""
    if slug and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug):
        bad("slug", "chỉ dùng chữ thường không dấu, số và dấu '-' (ASCII lowercase words joined by '-')")
    elif slug and (root / STORIES_DIR / f"{slug}.md").exists():
        bad("slug", "đã có câu chuyện với tên này (a story with this name exists)")
    if values.get("village") and values["village"] not in villages:
        bad("village", f"không có thôn này; dùng một trong: {', '.join(villages)} (unknown village)")
    if values.get("program") and values["program"] not in programs:
        bad("program", f"không có chương trình này; dùng một trong: {', '.join(sorted(programs))} (unknown programme)")
    for name, hint in (("amount", MONEY_HINT), ("year", WHOLE_HINT)):
        if values.get(name) and not re.fullmatch(r"[0-9]+", str(values[name])):  # not isdigit(): "²" is a digit to it
            bad(name, hint)
    return problems


def _skeleton(v: dict[str, str | None]) -> str:
    consent = {
        "given": bool(v.get("consent_by")),
        "date": clock.today().isoformat(),
        "recorded_by": v.get("consent_by") or TODO,
    }
    meta = {
        "title": v["title"],
        "summary": f"{TODO}: một câu tóm tắt câu chuyện.",
        "village": v["village"],
        "programs": [v["program"]],
        "loan_amount_vnd": int(v["amount"] or 0),
        "year": int(v["year"] or 0),
        "before": f"{TODO}: hoàn cảnh gia đình trước khi vay.",
        "after": f"{TODO}: cuộc sống sau khi vay.",
        "consent": consent,
        "photos": [],
    }
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=10**6)
    note = (
        ""
        if consent["given"]
        else "# Câu chuyện chỉ được đăng khi gia đình đồng ý: ghi người ghi nhận và đặt consent.given: true\n"
    )
    return (
        f"---\n{note}{head}---\n\n"
        f"{TODO}: kể câu chuyện bằng câu ngắn, từ ngữ quen thuộc.\n\n"
        "Không ghi số điện thoại, số CCCD hay số tài khoản của gia đình.\n"
        "Ảnh: đặt tệp ảnh cạnh tệp này, rồi thêm vào mục photos, ví dụ:\n"
        "photos: [{file: ten-anh.jpg, alt: Mô tả ảnh cho người không nhìn thấy}]\n"
    )


def ask_terminal(question: str) -> str:
    print(question, end="", file=sys.stderr, flush=True)
    return sys.stdin.readline()
