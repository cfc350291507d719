"""Checks across files: ids that point to other records must point to
something that exists, and the finder must have no dead end."""

from __future__ import annotations

from typing import Any

from creditsite.errors import Problem
from creditsite.load.progress import check_progress
from creditsite.model.site import SiteData


def check_references(data: SiteData) -> list[Problem]:
    """Ids that point to other records must point to something that exists."""
    unit_ids = set(data.units.by_id())
    anchors = set(data.plan.anchors())
    problems: list[Problem] = []

    def need(rel: str, field: str, value: str | None, known: set[str], what: str) -> None:
        if value is not None and value not in known:
            hint = ", ".join(sorted(known))
            problems.append(
                Problem(rel, f"không có {what} '{value}' (unknown {what}); có thể dùng (known): {hint}", field=field)
            )

    need("plan_data/plan.yml", "issuer", data.plan.issuer, unit_ids, "đơn vị/unit")
    for task in data.plan.tasks():
        for role in ("lead", "support"):
            for unit in getattr(task.assigned, role):
                need("plan_data/plan.yml", f"{task.anchor}.{role}", unit, unit_ids, "đơn vị/unit")
    t = data.targets
    need("plan_data/targets.yml", "monitoring_lead", t.monitoring_lead, unit_ids, "đơn vị/unit")
    need("plan_data/targets.yml", "monitoring_ref", t.monitoring_ref, anchors, "mục Kế hoạch/plan anchor")
    for target in t.targets:
        need(
            "plan_data/targets.yml",
            f"targets.{target.id}.plan_ref",
            target.plan_ref,
            anchors,
            "mục Kế hoạch/plan anchor",
        )
        for unit in target.responsible:
            need("plan_data/targets.yml", f"targets.{target.id}.responsible", unit, unit_ids, "đơn vị/unit")
    for item in t.calendar:
        need(
            "plan_data/targets.yml", f"calendar.{item.id}.plan_ref", item.plan_ref, anchors, "mục Kế hoạch/plan anchor"
        )
        need("plan_data/targets.yml", f"calendar.{item.id}.recipient", item.recipient, unit_ids, "đơn vị/unit")
        for unit in item.responsible:
            need("plan_data/targets.yml", f"calendar.{item.id}.responsible", unit, unit_ids, "đơn vị/unit")
    for contact in data.commune.contacts:
        need("plan_data/commune.yml", "contacts.unit", contact.unit, unit_ids, "đơn vị/unit")
    fund = "plan_data/fund.yml"
    need(fund, "managed_by", data.fund.managed_by, unit_ids, "đơn vị/unit")
    need(
        fund, "month_for_the_poor", data.fund.month_for_the_poor, {d.id for d in t.calendar}, "mục lịch/calendar entry"
    )
    problems += check_programs(data)
    problems += check_finder(data)
    if not problems:  # progress reports refer to the plan's tasks and units: check them once those are sound
        problems += check_progress(data)
    return problems


def check_programs(data: SiteData) -> list[Problem]:
    """Links between programmes, and from the guide and FAQ, must resolve."""
    known = set(data.programs)
    problems: list[Problem] = []

    def need(rel: str, field: str, value: str) -> None:
        if value not in known:
            problems.append(
                Problem(
                    rel,
                    f"không có chương trình '{value}' (unknown programme); có (known): {', '.join(sorted(known))}",
                    field=field,
                )
            )

    def links(terms: Any) -> list[tuple[str, str]]:
        rels = (
            ("max_amount_relative", terms.max_amount_relative),
            ("interest_rate_relative", terms.interest_rate_relative),
        )
        return [(name, rel.program) for name, rel in rels if rel is not None]

    for program in data.programs.values():
        rel = f"plan_data/programs/{program.id}.yml"
        for terms in (program, *program.components):
            for name, target in links(terms):
                need(rel, f"{name}.program", target)
    if not problems:  # a chain of relative facts must end at a number
        for program in data.programs.values():
            seen, current = [program.id], program
            while nxt := [t for _, t in links(current)]:
                if nxt[0] in seen:
                    problems.append(
                        Problem(
                            f"plan_data/programs/{program.id}.yml",
                            f"các chương trình dẫn vòng tròn: {' → '.join(seen + nxt[:1])} (circular reference)",
                        )
                    )
                    break
                seen.append(nxt[0])
                current = data.programs[nxt[0]]
    guide = "plan_data/loan_guide.yml"
    need(guide, "interest_example_program", data.loan_guide.interest_example_program)
    for pid in data.loan_guide.overdue.applies_to:
        need(guide, "overdue.applies_to", pid)
    for item in data.faq.items:
        for pid in item.links:
            need("plan_data/faq.yml", f"items.{item.id}.links", pid)
    return problems


def check_finder(data: SiteData) -> list[Problem]:
    """Every answer leads somewhere, every path ends at a result, and every
    programme can be reached: no page of the finder is a dead end."""
    rel = "plan_data/finder.yml"
    finder = data.finder
    questions = {q.id: q for q in finder.questions}
    results = {r.id: r for r in finder.results}
    problems: list[Problem] = []
    for dup in sorted(set(questions) & set(results)):
        problems.append(Problem(rel, f"mã '{dup}' vừa là câu hỏi vừa là kết quả (id used twice)"))
    if finder.start not in questions:
        problems.append(
            Problem(rel, f"câu hỏi bắt đầu '{finder.start}' không có (start question not found)", field="start")
        )
    for q in finder.questions:
        for option in q.options:
            if option.next not in questions and option.next not in results:
                problems.append(
                    Problem(
                        rel,
                        f"lựa chọn dẫn tới '{option.next}' không có (option leads nowhere)",
                        field=f"questions.{q.id}.options",
                    )
                )
    for r in finder.results:
        for pid in r.programs:
            if pid not in data.programs:
                problems.append(
                    Problem(rel, f"không có chương trình '{pid}' (unknown programme)", field=f"results.{r.id}.programs")
                )
    if problems:
        return problems

    reached: set[str] = set()

    def walk(node: str, path: tuple[str, ...]) -> None:
        if node in path:
            problems.append(Problem(rel, f"câu hỏi lặp vòng: {' → '.join((*path, node))} (the questions loop)"))
            return
        reached.add(node)
        if node in questions:
            for option in questions[node].options:
                walk(option.next, (*path, node))

    walk(finder.start, ())
    for node in sorted((set(questions) | set(results)) - reached):
        problems.append(Problem(rel, f"không lựa chọn nào dẫn tới '{node}' (never reached from the start)"))
    covered = {pid for r in finder.results if r.id in reached for pid in r.programs}
    for pid in sorted(set(data.programs) - covered):
        problems.append(Problem(rel, f"không có kết quả nào dẫn tới chương trình '{pid}' (programme not reachable)"))
    return problems
