"""The personal-data guard: content must not publish ID numbers, phone
numbers or bank accounts, unless a field is public by design (a schema field
marked `json_schema_extra={"public": True}`, like the fund's own account).

The guard reads text as a reader sees it, not as it was typed, so it does
not need a pattern per trick:
- `normalise`: Unicode NFKC (full-width digits, composed letters), every
  decimal digit as 0-9, zero-width characters dropped, every space one space;
- pages are also read rendered (markup.py): `090<b></b>1234567` is one number;
- a number is digit groups joined by one kind of separator (space, dot,
  slash, hyphen), after an optional +84 / 84 / 0084;
- bank accounts are the number after "STK", "số TK", "số tài khoản"….
It reads every published file: plan_data/*.yml, the pages of docs/ (front
matter included) and the text hidden in photos, which is never published
but which an officer may think is.

Numbers are shown masked in messages, so build logs do not leak them either.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from creditsite.errors import DataError, Problem
from creditsite.load import docfiles, markup, photos
from creditsite.load.yamlfile import LineMap, dotted, load_yaml, parse_yaml, read_text

PHONE = "số điện thoại (phone number)"
CCCD = "số CCCD (citizen ID number)"
CMND = "số CMND (ID card number)"
BANK = "số tài khoản ngân hàng (bank account number)"

_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-")
_DOTS = dict.fromkeys(map(ord, "\u00b7\u2027\u2219\u22c5\u30fb"), ".")
_GROUP = re.compile(r"\d+")
# "0912 345", "0912  345", "0912.345", "0912 - 345", "(0262) 3812 345" (a closing bracket reads as a space)
_SEPARATOR = re.compile(r" {1,3}| {0,2}([./-]) {0,2}|\) {0,2}")
_PREFIX = re.compile(r"(?<![\w.,/+-])(?:\(?(?:\+ ?|00)84\)?|84)[ .-]{0,2}$")  # before a national number
_LEFT_EDGE = re.compile(r"[\w.,/+-]$")
_RIGHT_EDGE = re.compile(r"^(?:[^\W\d]|[/-]\w|[.,]\d)")
_CURRENCY = re.compile(r"^ ?(?:dong|d|vnd|trieu|ty|nghin|ngan|usd)\b|^ ?%")
_ID_WORDS = re.compile(r"(?:cmnd|cccd|can cuoc|chung minh|dinh danh|ho chieu|passport|id card|citizen id|so id)\W{0,5}"
                       r"(?:so\W{0,3})?$")
_BANK_WORDS = re.compile(r"(?:\bso ?tai ?khoan|\btai ?khoan ?so|\bso ?tk\b|\bstk\b|\btk ?so\b|account (?:number|no)"
                         r"|\ba/c\b)[^\d\n]{0,40}$")
_ACCOUNT_WORD = re.compile(r"\btai ?khoan\b[^\d\n]{0,40}$")


def normalise(text: str) -> str:
    """`text` as it reads: NFKC, ASCII digits, no zero-width characters, plain
    spaces. Line breaks stay, so offsets still give line numbers."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFKC", text).translate(_DASHES).translate(_DOTS):
        kind = unicodedata.category(ch)
        if ch == "\n":
            out.append(ch)
        elif kind in ("Cf", "Me") or (kind == "Mn" and out and out[-1].isdigit()):
            continue  # zero-width joiners, soft hyphens, keycaps: invisible between digits
        elif kind == "Nd":
            out.append(str(unicodedata.decimal(ch)))
        elif ch.isspace() or kind.startswith("Z"):
            out.append(" ")
        else:
            out.append(ch)
    return "".join(out)


def _fold(text: str) -> str:
    """Lowercase letters without diacritics, one for one (so offsets match):
    keywords are found however they were typed ("số TK", "so tk")."""
    return "".join(unicodedata.normalize("NFD", ch.lower())[0] for ch in text.replace("đ", "d").replace("Đ", "D"))


@dataclass(frozen=True)
class _Groups:
    text: str
    folded: str
    spans: list[tuple[int, int]]
    seps: list[str | None]  # the separator kind between group i and i+1, None where a number ends

    @classmethod
    def of(cls, text: str) -> _Groups:
        spans = [m.span() for m in _GROUP.finditer(text)]
        seps = [_separator(text[a[1]:b[0]]) for a, b in zip(spans, spans[1:])]
        return cls(text, _fold(text), spans, seps)

    def digits(self, first: int, last: int) -> str:
        return "".join(self.text[a:b] for a, b in self.spans[first:last + 1])

    def before(self, i: int, width: int = 40) -> str:
        start = self.spans[i][0]
        return self.folded[max(0, start - width):start].rsplit("\n", 1)[-1]

    def after(self, i: int) -> str:
        end = self.spans[i][1]
        return self.folded[end:end + 12]

    def same_kind(self, first: int) -> int:
        """The last group joined to `first` by one kind of separator."""
        last = first
        while last < len(self.seps) and self.seps[last] is not None and self.seps[last] == self.seps[first]:
            last += 1
        return last


def _separator(between: str) -> str | None:
    match = _SEPARATOR.fullmatch(between)
    return None if match is None else (match.group(1) or " ")


def find(text: str) -> Iterator[tuple[str, str, int]]:
    """(what, masked value, line offset) for each personal number in `text`."""
    for what, digits, offset in _find(text):
        yield what, mask(digits), offset


def _find(text: str) -> Iterator[tuple[str, str, int]]:
    groups = _Groups.of(normalise(text))
    seen: list[str] = []
    for what, first, digits in sorted(_bank(groups) + _phones(groups) + _ids(groups), key=lambda f: f[1]):
        if not any(digits in other or other in digits for other in seen):  # one number, one report
            seen.append(digits)
            yield what, digits, groups.text.count("\n", 0, groups.spans[first][0])


def _phones(g: _Groups) -> list[tuple[str, int, str]]:
    found = []
    for first in range(len(g.spans)):
        lead = _national_lead(g, first)
        if lead is None:
            continue
        last = g.same_kind(first)
        for end in range(first, last + 1):
            digits = lead + g.digits(first + 1, end) if end > first else lead
            if len(digits) > 11:
                break
            if len(digits) in (10, 11) and digits[1] != "0" and not _RIGHT_EDGE.match(g.text[g.spans[end][1]:]):
                found.append((PHONE, first, digits))
                break
    return found


def _national_lead(g: _Groups, i: int) -> str | None:
    """Group `i` as the start of a national number (0xxx), or None when no
    phone number starts there. +84, 84 and 0084 stand for the leading 0."""
    start, end = g.spans[i]
    digits, before = g.text[start:end], g.text[:start]
    if _PREFIX.search(before[-8:]):
        return "0" + digits
    joined = i > 0 and g.seps[i - 1] is not None  # inside a longer run: "năm 2025 0912 345 678"
    clean = not _LEFT_EDGE.search(before) or joined
    if digits.startswith("0084"):
        return "0" + digits[4:] if clean else None
    if digits.startswith("84") and (clean or re.search(r"(?<![\w.,/+-])\(?\+$", before)):
        return "0" + digits[2:]
    return digits if digits.startswith("0") and clean else None


def _ids(g: _Groups) -> list[tuple[str, int, str]]:
    found = []
    first = 0
    while first < len(g.spans):
        last = g.same_kind(first)
        digits = g.digits(first, last)
        start, end = g.spans[first][0], g.spans[last][1]
        standalone = not _LEFT_EDGE.search(g.text[:start]) and not _RIGHT_EDGE.match(g.text[end:])
        if standalone and len(digits) in (9, 12) and _looks_like_id(g, first, last, digits):
            found.append((CCCD if len(digits) == 12 else CMND, first, digits))
        first = last + 1
    return found


def _looks_like_id(g: _Groups, first: int, last: int, digits: str) -> bool:
    if _ID_WORDS.search(g.before(first)):
        return True
    if _CURRENCY.match(g.after(last)):
        return False  # 100000000 đồng, 100 000 000 đ
    grouped = first < last
    sizes = [b - a for a, b in g.spans[first:last + 1]]
    thousands = grouped and digits[0] != "0" and sizes[0] <= 3 and all(s == 3 for s in sizes[1:])
    return not thousands and not (grouped and len(digits) == 12 and digits[0] != "0")  # a CCCD starts with 0


def _bank(g: _Groups) -> list[tuple[str, int, str]]:
    """The number after a word for an account: "STK", "số TK", "số tài khoản" (6+ digits), "tài khoản" (8+)."""
    found = []
    first = 0
    while first < len(g.spans):
        last = first
        while last < len(g.seps) and g.seps[last] is not None:
            last += 1
        digits, before = g.digits(first, last), g.before(first, 60)
        least = 6 if _BANK_WORDS.search(before) else 8 if _ACCOUNT_WORD.search(before) else None
        if least and len(digits) >= least and not _CURRENCY.match(g.after(last)):
            found.append((BANK, first, digits))
        first = last + 1
    return found


def mask(number: str) -> str:
    digits = re.sub(r"\D", "", number)
    return digits[:2] + "…" + digits[-3:] if len(digits) > 5 else "…"


def public_fields(model: type[BaseModel]) -> set[str]:
    """Names of fields marked public anywhere in `model`."""
    out: set[str] = set()
    for name, field in model.model_fields.items():
        extra = field.json_schema_extra
        if isinstance(extra, dict) and extra.get("public"):
            out.add(name)
        for arg in getattr(field.annotation, "__args__", ()) + (field.annotation,):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                out |= public_fields(arg)
    return out


def _strings(value: Any, path: tuple[str | int, ...]) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*path, i))
    elif isinstance(value, str):
        yield path, value


def scan_yaml(path: Path, rel: str, public: set[str], root: Path | None = None) -> list[Problem]:
    raw, lines = load_yaml(path, rel)
    return _problems(raw, lines, rel, public, root)


# Characters without which Markdown cannot hide anything between digits.
_MARKUP = re.compile(r"[<&*_`\\\[]")


@dataclass(frozen=True)
class _Finding:
    what: str
    digits: str
    line: int | None = None
    field: str | None = None


def _one_per_number(findings: list[_Finding]) -> list[_Finding]:
    """One report per number: the first finding wins (callers put what a reader
    sees first), and a number inside another one (`912345678` typed as
    `&#48;912345678`) is the same number."""
    kept: list[_Finding] = []
    for finding in findings:
        if not any(finding.digits in k.digits or k.digits in finding.digits for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.line or 0)


def _field_findings(text: str, root: Path | None, line: int | None, field: str | None) -> list[_Finding]:
    """A field as it reads once rendered (when it holds markup), then as typed."""
    texts = [text]
    if root is not None and _MARKUP.search(text):
        texts.insert(0, markup.text_of(markup.render(text, root).html))
    return [_Finding(what, digits, line, field) for t in texts for what, digits, _ in _find(t)]


def _problems(raw: Any, lines: LineMap, rel: str, public: set[str], root: Path | None = None) -> list[Problem]:
    findings = []
    for field_path, text in _strings(raw, ()):
        if not (field_path and field_path[-1] in public):
            findings += _field_findings(text, root, lines.line_of(field_path), dotted(field_path))
    return [_problem(rel, f) for f in _one_per_number(findings)]


def _problem(rel: str, finding: _Finding) -> Problem:
    return Problem(rel, _message(finding.what, mask(finding.digits)), finding.line, finding.field)


def scan_text(text: str, rel: str) -> list[Problem]:
    return [Problem(rel, _message(what, masked), offset + 1) for what, masked, offset in find(text)]


def scan_page(text: str, rel: str, root: Path) -> list[Problem]:
    """A Markdown page as a reader sees it: the rendered body (where markup
    between digits no longer separates them), every front-matter field, and
    every line as typed."""
    head, body, offset = _split(text)
    source = normalise(body).splitlines()
    findings = [_Finding(what, digits, _line_of(digits, source, offset))
                for what, digits, _ in _find(markup.text_of(markup.render(body, root).html))]
    if head:
        try:
            raw, lines = parse_yaml(head, rel)
        except DataError:  # the page checks report broken front matter; its lines are read as typed below
            raw, lines = None, LineMap()
        for field_path, value in _strings(raw, ()):
            line = lines.line_of(field_path)
            findings += _field_findings(value, root, line + 1 if line else None, dotted(field_path))  # '---' is line 1
    findings += [_Finding(what, digits, offset + 1) for what, digits, offset in _find(text)]
    return [_problem(rel, f) for f in _one_per_number(findings)]


_HEAD = re.compile(r"\A-{3}[ \t]*\r?\n(.*?\r?\n)(?:\.{3}|-{3})[ \t]*\r?\n", re.S)  # as MkDocs reads it


def _split(text: str) -> tuple[str, str, int]:
    match = _HEAD.match(text)
    if not match:
        return "", text, 0
    return match.group(1), text[match.end():], text.count("\n", 0, match.end())


def _line_of(digits: str, source: list[str], offset: int) -> int | None:
    """The line of the source where a number found in the rendered page
    begins: the one holding the longest start of its digits, else the longest
    run of them (markup and entities split a number as typed)."""
    best, where = (0, 0), None
    for number, line in enumerate(source, offset + 1):
        line_digits = re.sub(r"\D", "", line)
        start = next((k for k in range(len(digits), 2, -1) if digits[:k] in line_digits), 0)
        run = difflib.SequenceMatcher(None, digits, line_digits, autojunk=False).find_longest_match().size
        if (start, run) > best:
            best, where = (start, run), number
    return where if max(best) >= 3 else None


def _message(what: str, masked: str) -> str:
    return (
        f"có vẻ là {what} ({masked}); không được đăng thông tin cá nhân. Hãy xóa số này "
        "(looks like personal data; remove it — only fields meant to be public may hold such numbers)"
    )


def scan_photo(raw: bytes, rel: str) -> list[Problem]:
    """Text hidden in a photo (comment, EXIF, XMP, IPTC, PNG text): it is
    never published, but an officer who typed a phone number there may think so."""
    findings = [f for where, text in photos.hidden_texts(raw) for f in _field_findings(text, None, None, where)]
    problems = []
    for finding in _one_per_number(findings):
        what, masked, where = finding.what, mask(finding.digits), finding.field
        message = (
            f"thông tin ẩn trong ảnh ({where}) có vẻ là {what} ({masked}); thông tin này không được đăng, và "
            "không được đăng thông tin cá nhân: hãy xóa nó khỏi ảnh (trên Windows: Thuộc tính > Chi tiết > "
            f"Xóa thuộc tính) (the photo's hidden {where} holds personal data; it is never published: remove it "
            "from the photo, e.g. Properties > Details > Remove Properties on Windows)"
        )
        problems.append(Problem(rel, message, field=where))
    return problems


def scan_content(root: Path, public_by_file: dict[str, set[str]]) -> list[Problem]:
    """Every YAML file in plan_data/, and every file published from docs/."""
    problems: list[Problem] = []
    for path in sorted((root / "plan_data").rglob("*.yml")):
        rel = path.relative_to(root).as_posix()
        problems += scan_yaml(path, rel, public_by_file.get(rel, set()), root)
    try:
        files = docfiles.listing(root / "docs")
    except DataError as exc:  # files that may not be published are not read
        return problems + exc.problems
    for file in files:
        rel = f"docs/{file.rel}"
        try:
            problems += scan_page(read_text(file.path, rel), rel, root) if file.is_page else []
        except DataError as exc:
            problems += exc.problems
        if not file.is_page:
            problems += scan_photo(file.path.read_bytes(), rel)
    return problems
