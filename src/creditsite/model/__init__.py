"""Typed models of everything in `plan_data/`. Unknown keys are errors."""

from .base import LocalText, Strict
from .commune import Commune
from .plan import Plan
from .targets import Targets
from .units import Unit, Units

__all__ = ["Commune", "LocalText", "Plan", "Strict", "Targets", "Unit", "Units"]
