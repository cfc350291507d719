"""Reading YAML strictly, with lines for every error."""

from pathlib import Path

import pytest

from creditsite.errors import DataError
from creditsite.load.yamlfile import load_yaml, parse_yaml


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


LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9)
)


@pytest.mark.parametrize("text,line", [
    (LAUGHS, 1),  # "billion laughs": 9^10 strings from a 600-byte file
    ("a: &x [1, *x]\n", 1),  # a list that contains itself
    ("a: &x {b: *x}\n", 1),
    ("base: 1\nother: *nothing\n", 2),  # an alias to nothing
    ("defaults: &d {a: 1}\nitem:\n  <<: *d\n", 1),  # merge keys need an anchor
    ("a: 1\nb: !!str &s x\n", 2),
])
def test_anchors_and_aliases_are_refused(text: str, line: int) -> None:
    message = problem(text)
    assert message.startswith(f"x.yml:{line}:") and "anchors and aliases are not allowed" in message


@pytest.mark.parametrize("text", [
    "a: " + "[" * 5000 + "]" * 5000 + "\n",
    "a: " + "{b: " * 5000 + "1" + "}" * 5000 + "\n",
    "a: " + "[" * 100_000 + "\n",  # unclosed as well: the depth is reported, the parser is never overwhelmed
    "".join("  " * i + f"k{i}:\n" for i in range(60)) + "  " * 60 + "v: 1\n",
])
def test_very_deep_nesting_is_refused(text: str) -> None:
    assert "levels deep" in problem(text)


def test_nesting_as_deep_as_our_files_is_fine() -> None:
    data, _ = parse_yaml("a:\n  b:\n    - c:\n        - {d: [1, [2]]}\n", "x.yml")
    assert data == {"a": {"b": [{"c": [{"d": [1, [2]]}]}]}}


@pytest.mark.parametrize("name", ["2027.yaml", "2027.YML", "2027.Yaml", "2027.YAML"])
@pytest.mark.parametrize("folder", ["plan_data/programs", "plan_data/fund", "plan_data/progress", "plan_data"])
def test_data_files_not_named_yml_are_refused_by_name(project: Path, folder: str, name: str) -> None:
    from creditsite.load.site import load_site_data

    (project / folder / name).write_text("year: 2027\n", encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_site_data(project)
    [message] = [str(p) for p in exc.value.problems]
    assert message.startswith(f"{folder}/{name}:") and "rename it to 2027.yml" in message


def test_a_renamed_main_file_gets_one_message(project: Path) -> None:
    from creditsite.load.site import load_site_data

    (project / "plan_data/units.yml").rename(project / "plan_data/units.yaml")
    with pytest.raises(DataError) as exc:
        load_site_data(project)
    [message] = [str(p) for p in exc.value.problems]
    assert message.startswith("plan_data/units.yaml: tệp dữ liệu phải có đuôi .yml: đổi tên thành units.yml")
    assert message.endswith("(data files end in .yml: rename it to units.yml)")
