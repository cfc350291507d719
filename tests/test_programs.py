"""Loan programmes: schema, pages, tables, finder, FAQ and open data."""

import json
import re
from fractions import Fraction
from pathlib import Path
from urllib.parse import urljoin

import pytest
import yaml
from pydantic import ValidationError
from pypdf import PdfReader

from conftest import COMMUNE, page, run_build
from creditsite.errors import DataError
from creditsite.load.site import load_site_data
from creditsite.model.programs import Program
from creditsite.render.context import program_text
from creditsite.routes import leaflet_pdf
from creditsite.views.loans import monthly_interest, resolve
from creditsite.views.programs import Calculator, loan_view, program_views

DATA = load_site_data(COMMUNE)


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_a_programme_can_have_parts() -> None:
    assert DATA.programs["dan-toc-thieu-so-nd28"].components


def poor() -> dict:
    return yaml.safe_load((COMMUNE / "plan_data/programs/ho-ngheo.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"max_amount_vnd": -5}, "greater than 0"),
        ({"interest_rate_pct_per_year": 6.666}, "two decimals"),
        ({"max_term_months": None}, "needs a reason"),
        ({"collateral": "không"}, "valid boolean"),
        ({"unknown": {"max_amount_vnd": {"vi": "x"}}}, "cannot also be unknown"),
        ({"interest_rate_relative": {"program": "ho-moi-thoat-ngheo", "pct": 100}}, "not both"),
        ({"sources": []}, "at least 1"),
        ({"lai_suat": 6.6}, "Extra inputs"),
    ],
)
def test_programme_schema_refuses_bad_values(change: dict, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        Program.model_validate({**poor(), **change})


def write_programme(project: Path, pid: str, **change: object) -> None:
    path = project / f"plan_data/programs/{pid}.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(change)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def test_relative_rate_must_point_to_a_programme(project: Path) -> None:
    write_programme(project, "ho-moi-thoat-ngheo", interest_rate_relative={"program": "ho-ngheo-cu", "pct": 125})
    with pytest.raises(DataError, match="ho-ngheo-cu"):
        load_site_data(project)


def test_relative_facts_may_not_loop(project: Path) -> None:
    relative = {"program": "ho-moi-thoat-ngheo", "pct": 80}
    write_programme(project, "ho-ngheo", interest_rate_pct_per_year=None, interest_rate_relative=relative)
    with pytest.raises(DataError, match="circular"):
        load_site_data(project)


def test_file_name_must_match_id(project: Path) -> None:
    (project / "plan_data/programs/ho-ngheo.yml").rename(project / "plan_data/programs/ngheo.yml")
    with pytest.raises(DataError, match="match the file name"):
        load_site_data(project)


def test_relative_rates_follow_their_base() -> None:
    assert resolve(DATA.programs["ho-moi-thoat-ngheo"], DATA.programs).interest_rate_pct_per_year == 8.25


def test_rates_are_exact_hundredths_and_the_monthly_rate_a_fraction() -> None:
    views = program_views(DATA)
    assert views["ho-ngheo"].loan.rate_hundredths == 660 and views["ho-ngheo"].loan.monthly_rate_pct == Fraction(11, 20)
    assert views["ho-moi-thoat-ngheo"].loan.rate_hundredths == 825  # 125% of 6.6, in integers
    assert views["ho-moi-thoat-ngheo"].loan.monthly_rate_pct == Fraction(11, 16)  # 0.6875, printed 0,688
    assert program_text(DATA.programs["ho-moi-thoat-ngheo"], DATA, "vi").monthly_rate == "0,688%/tháng"
    assert program_text(DATA.programs["ho-ngheo"], DATA, "en").rate_and_monthly == "6.6% a year (0.55% a month)"


def test_the_example_is_capped_at_the_maximum_except_for_monthly_payouts() -> None:
    guide = DATA.loan_guide
    small = loan_view("x", DATA.programs["ho-ngheo"].model_copy(update={"max_amount_vnd": 15_000_000}), DATA)
    assert small.example_amount_vnd == 15_000_000 and small.example_interest_vnd == 82_500
    assert small.example_amounts_vnd == (10_000_000, 15_000_000)
    assert small.calculator == Calculator(15_000_000, guide.calculator_term_months, 15_000_000, 120)
    monthly = loan_view("y", DATA.programs["ho-ngheo"].model_copy(update={"amount_period": "month"}), DATA)
    assert monthly.example_amount_vnd == guide.interest_example_amount_vnd == 20_000_000
    assert monthly.example_amounts_vnd == tuple(guide.example_amounts_vnd) and monthly.calculator.max_amount_vnd is None
    short = loan_view("z", DATA.programs["ho-ngheo"].model_copy(update={"max_term_months": 24}), DATA)
    assert (short.calculator.term_months, short.calculator.max_term_months) == (24, 24)


@pytest.mark.parametrize("value", ["0", "601", "36.0"])
def test_the_calculator_term_is_checked(project: Path, value: str) -> None:
    guide = project / "plan_data/loan_guide.yml"
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("calculator_term_months: 36", f"calculator_term_months: {value}"), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_site_data(project)
    [problem] = exc.value.problems
    line = text.splitlines().index("calculator_term_months: 36") + 1
    assert (problem.file, problem.line, problem.field) == ("plan_data/loan_guide.yml", line, "calculator_term_months")
    expected = "1 đến 600 tháng" if value != "36.0" else "số nguyên"
    assert expected in problem.message and "(" in problem.message, problem.message


@pytest.mark.parametrize("pid", list(DATA.programs))
def test_programme_page_in_both_languages(site: Path, pid: str) -> None:
    program = DATA.programs[pid]
    for prefix, lang in (("", "vi"), ("/en", "en")):
        doc = page(site, f"{prefix}/vay-von/{pid}/")
        text = norm(doc.select_one("article").get_text())
        assert program.name.get(lang) in text
        assert len(doc.select_one(".cs-facts").select("li")) == 5  # amount, term, rate, collateral, where
        assert ("Thông tin được kiểm tra ngày" if lang == "vi" else "Facts checked on") in text
        for source in program.sources:
            assert norm(source.title) in text


def test_unknown_facts_say_ask_with_a_reason(site: Path) -> None:
    program = DATA.programs["dan-toc-thieu-so-nd28"]
    reason = program.unknown["max_amount_vnd"]
    facts = page(site, "/vay-von/dan-toc-thieu-so-nd28/").select_one(".cs-facts li").get_text(" ")
    assert "Hỏi tại Điểm giao dịch xã" in norm(facts) and norm(reason.vi) in norm(facts)
    facts_en = page(site, "/en/vay-von/dan-toc-thieu-so-nd28/").select_one(".cs-facts li").get_text(" ")
    assert "Ask at the commune transaction point" in norm(facts_en) and norm(reason.en) in norm(facts_en)


def money(text: str) -> int:
    return int(re.sub(r"\D", "", text))


@pytest.mark.parametrize("pid", [p for p in DATA.programs if program_views(DATA)[p].loan.rate_hundredths])
def test_interest_tables_match_the_rates(site: Path, pid: str) -> None:
    rate = resolve(DATA.programs[pid], DATA.programs).interest_rate_pct_per_year
    table = page(site, f"/vay-von/{pid}/").find(id="tien-lai").find_next("table")
    rows = [[td.get_text() for td in tr.find_all("td")] for tr in table.find_all("tr")[1:]]
    assert rows
    for balance, interest in rows:
        assert money(interest) == monthly_interest(money(balance), rate)


def test_twenty_million_at_six_point_six_costs_110000_a_month(site: Path) -> None:
    text = norm(page(site, "/vay-von/ho-ngheo/").get_text(" "))
    assert "20.000.000 đồng 110.000 đồng" in text
    assert "6,6%/năm (0,55%/tháng)" in text
    assert "6.6% a year (0.55% a month)" in norm(page(site, "/en/vay-von/ho-ngheo/").get_text(" "))


def test_comparison_table_lists_every_programme(site: Path) -> None:
    table = page(site, "/vay-von/").find(id="so-sanh").find_next("table")
    linked = {a["href"].strip("/") for a in table.select("a")}
    assert linked == set(DATA.programs)


def pdf_text(path: Path) -> str:
    return norm(" ".join(p.extract_text() for p in PdfReader(path).pages))


@pytest.mark.slow
def test_a_rate_change_reaches_every_output(project: Path, tmp_path: Path) -> None:
    """One rate typed in one file: the pages, the table, the calculator, the leaflet page and PDF, the open data."""
    write_programme(project, "ho-ngheo", interest_rate_pct_per_year=7.2)
    guide = project / "plan_data/loan_guide.yml"  # and the calculator's starting term: data, not code
    text = guide.read_text(encoding="utf-8")
    guide.write_text(text.replace("calculator_term_months: 36", "calculator_term_months: 72"), encoding="utf-8")
    out = tmp_path / "site"
    result = run_build(project, out)
    assert result.returncode == 0, result.stderr
    poor_page = norm(page(out, "/vay-von/ho-ngheo/").get_text(" "))
    assert "7,2%/năm (0,6%/tháng)" in poor_page and "20.000.000 đồng 120.000 đồng" in poor_page
    assert "7.2% a year (0.6% a month)" in norm(page(out, "/en/vay-von/ho-ngheo/").get_text(" "))
    assert "9%/năm (0,75%/tháng)" in norm(page(out, "/vay-von/ho-moi-thoat-ngheo/").get_text(" "))  # 125% of 7.2
    assert "7,2%/năm" in norm(page(out, "/vay-von/").find(id="so-sanh").find_next("table").get_text(" "))
    assert "120.000 đồng" in norm(page(out, "/vay-von/cach-vay/").get_text(" "))
    calc = {pid: page(out, f"/vay-von/{pid}/").select_one(".cs-calc") for pid in ("ho-ngheo", "ho-moi-thoat-ngheo")}
    assert calc["ho-ngheo"]["data-rate"] == "7.2" and calc["ho-moi-thoat-ngheo"]["data-rate"] == "9"
    assert calc["ho-ngheo"]["data-term"] == "72" and calc["ho-ngheo"]["data-amount"] == "20000000"
    leaflet = norm(page(out, "/to-roi/ho-ngheo/").select_one(".cs-leaflet").get_text(" "))
    assert "7,2%/năm (0,6%/tháng)" in leaflet
    assert "còn nợ 20.000.000 đồng thì mỗi tháng trả khoảng 120.000 đồng" in leaflet
    pdf_vi, pdf_en = pdf_text(out / leaflet_pdf("ho-ngheo", "vi")), pdf_text(out / leaflet_pdf("ho-ngheo", "en"))
    assert "7,2%/năm (0,6%/tháng)" in pdf_vi and "mỗi tháng trả khoảng 120.000 đồng tiền lãi" in pdf_vi
    assert "7.2% a year (0.6% a month)" in pdf_en
    assert "9%/năm (0,75%/tháng)" in pdf_text(out / leaflet_pdf("ho-moi-thoat-ngheo", "vi"))
    programs = json.loads((out / "data/programs.json").read_text(encoding="utf-8"))["programs"]
    rates = {p["id"]: p["interest_rate_pct_per_year"] for p in programs}
    assert (rates["ho-ngheo"], rates["ho-moi-thoat-ngheo"]) == (7.2, 9.0)
    for pid in ("ho-ngheo", "ho-moi-thoat-ngheo"):  # both tied to this rate
        assert "6,6%" not in page(out, f"/vay-von/{pid}/").get_text(), pid
        assert "6,6%" not in page(out, f"/to-roi/{pid}/").get_text(), pid
        assert "6,6%" not in pdf_text(out / leaflet_pdf(pid, "vi")), pid


def test_how_to_borrow_has_the_six_steps_and_forms(site: Path) -> None:
    doc = page(site, "/vay-von/cach-vay/")
    steps = doc.select("ol.cs-steps > li")
    assert len(steps) == 6
    text = norm(doc.get_text(" "))
    for form in ("01/TD", "03/TD", "04/TD"):
        assert form in text
    assert "130%" in text and doc.find(id="gia-han") and doc.find(id="qua-han")


def test_finder_reaches_every_programme_without_javascript(site: Path) -> None:
    """Follow the answer links from the first question, as a reader with JS off."""
    start = "/vay-von/tim-chuong-trinh/"
    seen, queue, reached, results = set(), [start], set(), 0
    while queue:
        path = queue.pop()
        if path in seen:
            continue
        seen.add(path)
        doc = page(site, path)
        assert doc.select_one(".cs-precheck"), f"{path} must say it is only a pre-check"
        options = doc.select(".cs-options a")
        if options:
            assert len(options) >= 2, f"{path} offers no real choice"
            queue += [urljoin(path, a["href"]) for a in options]
        else:
            results += 1
            assert doc.find(id="tiep-theo"), f"{path} is a dead end: no next steps"
            for a in doc.select("h2 a:not(.headerlink)"):
                reached.add(urljoin(path, a["href"]).strip("/").split("/")[-1])
    assert results == len(DATA.finder.results)
    assert reached == set(DATA.programs)


def test_finder_tree_is_validated(project: Path) -> None:
    path = project / "plan_data/finder.yml"
    text = path.read_text(encoding="utf-8")
    first_result = DATA.finder.results[0].id
    path.write_text(text.replace(f"next: {first_result}", "next: khong-co", 1), encoding="utf-8")
    with pytest.raises(DataError) as exc:
        load_site_data(project)
    assert any("khong-co" in str(p) for p in exc.value.problems)


def test_faq_answers_every_listed_question_with_data(site: Path) -> None:
    doc = page(site, "/vay-von/hoi-dap/")
    text = norm(doc.get_text(" "))
    assert len(doc.select("article h2")) >= len(DATA.faq.items)
    assert "{{" not in text and "110.000 đồng" in text
    assert "110,000 VND" in norm(page(site, "/en/vay-von/hoi-dap/").get_text(" "))


def test_glossary_terms_show_as_tooltips(site: Path) -> None:
    glossary = page(site, "/vay-von/thuat-ngu/")
    assert len(glossary.select("dl.cs-glossary dt")) == len(DATA.glossary.terms)
    abbr = page(site, "/vay-von/ho-ngheo/").select("abbr")
    titles = {a.get_text(): a["title"] for a in abbr}
    term = next(t for t in DATA.glossary.terms if t.term.vi == "Tổ TK&VV")
    assert titles.get("Tổ TK&VV") == term.definition.vi


def test_programmes_open_data(site: Path) -> None:
    programs = json.loads((site / "data/programs.json").read_text(encoding="utf-8"))["programs"]
    assert [p["id"] for p in programs] == list(DATA.programs)
    poor_entry = programs[0]
    assert poor_entry["interest_rate_pct_per_year"] == 6.6 and poor_entry["max_amount_vnd"] == 100_000_000
    assert poor_entry["url"]["en"].endswith("/en/vay-von/ho-ngheo/")
    near = next(p for p in programs if p["id"] == "dan-toc-thieu-so-nd28")
    assert near["max_amount_vnd"] is None and near["unknown"]["max_amount_vnd"]["vi"]
