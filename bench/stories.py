"""Synthetic success stories, to see how build time grows with content.

Issue 4 brings the real story format; until then each story is a plain page
`docs/guong-dien-hinh/<slug>.md` (+ `.en.md`) whose front matter already has
the fields issue 4 requires (title, village, programs, loan_amount_vnd, year,
consent{given,date,recorded_by}, sample). Once stories are data, adapt
`write_stories` to write those files instead; the benchmark stays the same.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

VILLAGES = ["Xốp Nghét", "Xốp Dùi", "Kon Liêm", "Đăk Xi Na"]
PROGRAMS = ["ho-ngheo", "ho-can-ngheo", "ho-moi-thoat-ngheo", "nuoc-sach-ve-sinh", "sxkd-vung-kho-khan"]
WORK = [
    ("nuôi bò", "raising cattle"),
    ("trồng cà phê", "growing coffee"),
    ("nuôi heo", "raising pigs"),
    ("trồng sâm", "growing ginseng"),
    ("mở tiệm tạp hóa", "opening a small shop"),
]

BODY_VI = """\
# {title}

Gia đình ở thôn {village} vay {amount} đồng năm {year} để {work_vi}.
Sau hai năm, gia đình đã trả lãi đúng hạn và có thu nhập ổn định hơn.

## Gia đình đã làm gì

Tổ tiết kiệm và vay vốn giúp gia đình làm hồ sơ. Cán bộ xã hướng dẫn cách {work_vi}.
Tiền vay được dùng đúng mục đích, có sổ ghi chép rõ ràng.

## Điều học được

Vay vốn chính sách giúp hộ nghèo có vốn làm ăn. Cần bàn kỹ với cả nhà trước khi vay.
"""

BODY_EN = """\
# {title}

A family in {village} village borrowed {amount} dong in {year} for {work_en}.
Two years later they pay interest on time and earn a steadier income.

## What the family did

The savings and loan group helped with the papers. Commune staff advised on {work_en}.
The loan went to its purpose, with clear records.

## What others can learn

Policy loans give poor households capital to work with. Talk it through as a family before borrowing.
"""


def story(index: int, rng: random.Random) -> tuple[dict[str, object], dict[str, str]]:
    village = rng.choice(VILLAGES)
    work_vi, work_en = rng.choice(WORK)
    year = rng.randint(2019, 2025)
    amount = rng.choice([20, 30, 50, 70, 100]) * 1_000_000
    meta: dict[str, object] = {
        "title": f"Gương điển hình số {index}: {work_vi} ở {village}",
        "village": village,
        "programs": rng.sample(PROGRAMS, 2),
        "loan_amount_vnd": amount,
        "year": year,
        "consent": {"given": True, "date": f"{year + 1}-03-15", "recorded_by": "Tổ TK&VV thôn"},
        "sample": True,
    }
    values = {
        "village": village,
        "year": str(year),
        "amount": f"{amount:,}".replace(",", "."),
        "work_vi": work_vi,
        "work_en": work_en,
    }
    return meta, values


def write_stories(docs: Path, count: int, seed: int = 6) -> list[Path]:
    """Write `count` stories in both languages under docs/guong-dien-hinh/."""
    rng = random.Random(seed)
    folder = docs / "guong-dien-hinh"
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for index in range(1, count + 1):
        meta, values = story(index, rng)
        for suffix, body, title in (
            (".md", BODY_VI, meta["title"]),
            (".en.md", BODY_EN, f"Success story {index}: {values['work_en']} in {values['village']}"),
        ):
            path = folder / f"cau-chuyen-{index:04d}{suffix}"
            front = yaml.safe_dump({**meta, "title": title}, allow_unicode=True, sort_keys=False)
            path.write_text(f"---\n{front}---\n\n{body.format(title=title, **values)}", encoding="utf-8")
            written.append(path)
    return written
