"""The commune profile: who publishes the site and where residents go.

A value that nobody has confirmed is left empty (null) and explained in
`note`; pages then say "to be confirmed" instead of guessing.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from creditsite.model.base import (
    LocalText,
    NonEmpty,
    Slug,
    Source,
    Strict,
    Unique,
    WholeNumber,
)

# An office's or a role's phone is printed for residents to call: the privacy scan,
# which refuses phone numbers elsewhere, lets it through.
PUBLIC_PHONE = Field(default=None, json_schema_extra={"public": True})


class SiteInfo(Strict):
    name: LocalText
    description: LocalText
    url: Annotated[str, Field(pattern=r"^https?://[^\s]+/$")]
    url_confirmed: bool = False


class Office(Strict):
    """The bank's transaction office that serves the commune."""

    name: LocalText
    short: LocalText
    address: LocalText | None = None
    phone: NonEmpty | None = PUBLIC_PHONE
    note: LocalText | None = None


class TransactionPoint(Strict):
    """Điểm giao dịch xã: where loans are paid out and repaid, once a month."""

    name: LocalText
    place: LocalText | None = None
    day_of_month: Annotated[WholeNumber, Field(ge=1, le=31)] | None = None
    hours: LocalText | None = None
    note: LocalText | None = None


class Contact(Strict):
    role: LocalText
    unit: Slug | None = None
    phone: NonEmpty | None = PUBLIC_PHONE
    note: LocalText | None = None


class Village(Strict):
    id: Slug
    name: NonEmpty
    former_commune: NonEmpty | None = None


class Commune(Strict):
    id: Slug
    name: LocalText
    province: LocalText
    site: SiteInfo
    formed_from: list[NonEmpty] = []
    merger_note: LocalText | None = None
    bank_office: Office
    transaction_point: TransactionPoint
    contacts: list[Contact] = []
    villages: Annotated[list[Village], Unique]
    villages_note: LocalText | None = None
    sources: list[Source] = []
