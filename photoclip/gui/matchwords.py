"""How well a photo matches a search or a tag, and why, in words (never raw scores).

The texts are written out in full in QCoreApplication.translate calls, so that pyside6-lupdate finds them.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from ..core.tags import strength
from .texts import plural


def match_text(relevance: float) -> str:
    """A search hit's calibrated relevance (0..1) in words."""
    level = strength(relevance)
    if level == "strong":
        return QCoreApplication.translate("MatchWords", "A strong match for your search")
    if level == "good":
        return QCoreApplication.translate("MatchWords", "A good match for your search")
    if level == "weak":
        return QCoreApplication.translate("MatchWords", "A weaker match: it only partly looks like your search")
    return QCoreApplication.translate("MatchWords", "A weaker match: it does not look like your search")


def _how(level: str) -> str:
    if level == "strong":
        return QCoreApplication.translate("MatchWords", "clearly")
    if level == "good":
        return QCoreApplication.translate("MatchWords", "fairly well")
    if level == "weak":
        return QCoreApplication.translate("MatchWords", "only faintly")
    return QCoreApplication.translate("MatchWords", "not at all")


def reason_text(reason) -> str:
    """One `photoclip.core.tags.Reason` in words."""
    kind, n = reason.kind, reason.count
    if kind == "confirmed":
        return QCoreApplication.translate("MatchWords", "You confirmed this photo.")
    if kind == "rejected":
        return QCoreApplication.translate("MatchWords", "You rejected this photo.")
    if kind == "keyword":
        return QCoreApplication.translate("MatchWords", "This tag is a keyword only: it tags the photos you confirm.")
    if kind == "no_vector":
        return QCoreApplication.translate("MatchWords", "PhotoClip has not looked at this photo yet.")
    if kind == "line":
        return QCoreApplication.translate("MatchWords", "It matches “{line}” {how}.").format(
            line=reason.text, how=_how(reason.strength))
    if kind == "no_line":
        return QCoreApplication.translate("MatchWords", "None of the descriptions fits it well.")
    if kind == "negative":
        return QCoreApplication.translate("MatchWords", "“{text}” describes it better.").format(text=reason.text)
    if kind == "alike_confirmed":
        return plural(QCoreApplication.translate("MatchWords", "It looks like %Ln photo(s) you confirmed.", "", n), n)
    if kind == "alike_rejected":
        return plural(QCoreApplication.translate("MatchWords", "It looks like %Ln photo(s) you rejected.", "", n), n)
    if kind == "text":
        return QCoreApplication.translate("MatchWords", "The words written in it match.")
    if kind == "taught":
        return plural(QCoreApplication.translate("MatchWords", "Your %Ln example(s) changed the decision.", "", n), n)
    return ""
