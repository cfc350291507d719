"""The settings of the printed annual report (`plan_data/report.yml`): who
issues it, where, its document symbol, its fixed sentences, the signature
block and the recipients, laid out as Nghị định 30/2020/NĐ-CP prescribes.

The report is an administrative document in Vietnamese, so texts are
Vietnamese only. `subject`, `intro` and `closing` may use `{{ year }}`,
`{{ commune }}` and `{{ plan_number }}`.
"""

from __future__ import annotations

from pydantic import Field, model_validator

from creditsite.model.base import NonEmpty, Slug, Strict


class Recipient(Strict):
    """A line of "Nơi nhận": a unit (its short name) or a free text."""

    unit: Slug | None = None
    text: NonEmpty | None = None

    @model_validator(mode="after")
    def _one(self) -> Recipient:
        if (self.unit is None) == (self.text is None):
            raise ValueError("mỗi nơi nhận cần đúng một trong 'unit' hoặc 'text' (expected either a unit or a text)")
        return self


class Signature(Strict):
    authority: NonEmpty | None = None  # e.g. "TM. ỦY BAN NHÂN DÂN"
    title: NonEmpty  # e.g. "CHỦ TỊCH"


class ReportSettings(Strict):
    issuer: Slug  # the unit that issues the report; its name and `place` head it
    place: NonEmpty  # the place name on the date line: "<place>, ngày … tháng … năm …"
    symbol: NonEmpty  # ký hiệu, e.g. "BC-UBND" in "Số: 12/BC-UBND"
    subject: NonEmpty  # trích yếu
    intro: NonEmpty
    closing: NonEmpty
    signature: Signature
    recipients: list[Recipient] = Field(min_length=1)
