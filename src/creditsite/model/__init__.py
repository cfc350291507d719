"""Typed models of everything in `plan_data/`. Unknown keys are errors."""

from creditsite.model.base import LocalText, Strict
from creditsite.model.commune import Commune
from creditsite.model.plan import Plan
from creditsite.model.targets import Targets
from creditsite.model.units import Unit, Units

__all__ = ["Commune", "LocalText", "Plan", "Strict", "Targets", "Unit", "Units"]
