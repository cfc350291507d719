"""Reading YAML strictly, with lines for every error."""

from pathlib import Path

import pytest

from creditsite.errors import DataError
from creditsite.yamlfile import load_yaml, parse_yaml


def problem(text: str) -> str:
    with pytest.raises(DataError) as exc:
        parse_yaml(text, "x.yml")
    assert len(exc.value.problems) == 1
    return str(exc.value.problems[0])


def test_values_remember_their_lines() -> None:
    data, lines = parse_yaml("a: 1\nb:\n  - x\n  - y\n", "x.yml")
    assert data == {"a": 1, "b": ["x", "y"]}
    assert lines[("b", 1)] == 4
    assert lines.line_of(("b", 1, "missing")) == 4


def test_syntax_error_names_the_line() -> None:
    assert problem("a: 1\nb: [unclosed\nc: 2\n").startswith("x.yml:")
    assert "YAML" in problem("a: 1\n  b: 2\n")


def test_duplicate_keys_are_refused() -> None:
    message = problem("id: a\nname: x\nid: b\n")
    assert message.startswith("x.yml:3 [id]") and "duplicate" in message


def test_empty_file() -> None:
    assert "empty" in problem("# only a comment\n")


def test_binary_and_non_utf8_files(tmp_path: Path) -> None:
    binary = tmp_path / "b.yml"
    binary.write_bytes(b"a: 1\x00\x01")
    latin = tmp_path / "l.yml"
    latin.write_bytes("a: 1\nname: Xốp\n".encode("utf-16"))
    for path in (binary, latin):
        with pytest.raises(DataError) as exc:
            load_yaml(path, path.name)
        assert exc.value.problems[0].file == path.name


def test_oversized_file(tmp_path: Path) -> None:
    big = tmp_path / "big.yml"
    big.write_text("a: " + "x" * (3 * 1024 * 1024), encoding="utf-8")
    with pytest.raises(DataError, match="too large"):
        load_yaml(big, "big.yml")


def test_impossible_date_names_line_and_field() -> None:
    message = problem("legal:\n  date: 2024-13-45\n")
    assert message.startswith("x.yml:2 [legal.date]")
