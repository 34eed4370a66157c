"""The one place that turns what went wrong into words for a person.

Form problems (an answer that does not fit) become a plain-language message
in the applicant's language. Failures of the kiosk itself (a full disk, a
damaged file) become a kind message for the applicant and a precise log line
for the clerk.
"""

from __future__ import annotations

import logging

from kiosk.errors import KioskError
from kiosk.forms import Problem
from ui.i18n import translate

log = logging.getLogger("kiosk.problems")


def _answer_messages() -> dict[str, str]:
    # Built on each call so that the texts follow the language in force.
    return {
        "required": translate("Problems", "Please answer this question."),
        "too_short": translate("Problems", "This is too short: at least {min} characters."),
        "too_long": translate("Problems", "This is too long: at most {max} characters."),
        "pattern": translate("Problems", "This does not look right. Please check it."),
        "not_a_number": translate("Problems", "Please enter a number, using digits only."),
        "not_integer": translate("Problems", "Please enter a whole number."),
        "too_small": translate("Problems", "The number must be at least {min}."),
        "too_large": translate("Problems", "The number must be at most {max}."),
        "bad_date": translate(
            "Problems", "This is not a date. Enter year, month and day, for example 1956-03-12."
        ),
        "date_too_early": translate("Problems", "The date must be {min} or later."),
        "date_too_late": translate("Problems", "The date must be {max} or earlier."),
        "unknown_choice": translate("Problems", "Please choose one of the answers shown."),
        "too_few_choices": translate("Problems", "Please choose at least {min}."),
        "too_many_choices": translate("Problems", "Please choose at most {max}."),
        "bad_phone": translate(
            "Problems", "Please enter an 11-digit mobile number, or a landline with its area code."
        ),
        "id_length": translate(
            "Problems", "An ID number has 18 characters. Please count them again."
        ),
        "id_region": translate(
            "Problems", "The first six digits of this ID number are not a known place."
        ),
        "id_birth_date": translate(
            "Problems", "The birth date inside this ID number is not possible."
        ),
        "id_checksum": translate(
            "Problems", "This ID number has a mistake. Please compare it with the card."
        ),
        "consent_required": translate(
            "Problems", 'Please read the statement and tap "I agree" to continue.'
        ),
        "bad_address": translate("Problems", "Please choose every part of the address."),
        "too_few_items": translate("Problems", "Please add at least {min}."),
        "too_many_items": translate("Problems", "At most {max} can be added."),
        "incomplete_item": translate(
            "Problems", "Number {item} is not finished. Tap it to answer its remaining questions."
        ),
    }


def answer_message(problem: Problem, language: str) -> str:
    """The message shown beside a question whose answer does not fit."""
    if problem.message is not None:
        return problem.message.get(language)
    template = _answer_messages().get(
        problem.code, translate("Problems", "Please check this answer.")
    )
    try:
        return template.format(**problem.params)
    except (KeyError, IndexError):
        return template


def _failure_messages() -> dict[str, str]:
    return {
        "storage_full": translate(
            "Problems",
            "The kiosk's storage is full, so your application could not be saved yet. "
            "Nothing was lost: please ask the clerk for help.",
        ),
        "kiosk_locked": locked_notice(),
        "unlock_refused": translate(
            "Problems", "That passphrase does not unlock this kiosk. Nothing was changed."
        ),
        "correction_refused": translate(
            "Problems",
            "This application has already been sent to the county office, so it can no "
            "longer be corrected at the kiosk. Corrections are made at the county office.",
        ),
        "storage_read_only": translate(
            "Problems",
            "This kiosk cannot store applications at the moment, so yours cannot be "
            "taken here yet. Please ask the clerk for help.",
        ),
        "storage_failed": translate(
            "Problems",
            "The kiosk could not save your application just now. "
            "Nothing was lost: please try again, or ask the clerk for help.",
        ),
    }


def locked_notice() -> str:
    """What a locked kiosk says when personal data is asked for (see docs/security.md)."""
    return translate(
        "Problems",
        "The kiosk is locked, so saved applications cannot be opened just now. New"
        " applications still work. Please ask the clerk: the kiosk unlocks itself when it"
        " reaches the central platform.",
    )


def failure_message(error: Exception) -> str:
    """Log the failure for the clerk and give the words to show the person."""
    trace = None if isinstance(error, KioskError) else error  # a named condition needs none
    log.error("operation failed (%s): %s", _code(error), error, exc_info=trace)
    return failure_text(error)


def failure_text(error: Exception) -> str:
    """The words for a failure already logged, in the language in force now."""
    return _failure_messages().get(
        _code(error),
        translate(
            "Problems",
            "Something went wrong on this kiosk. Nothing was lost: please ask the clerk for help.",
        ),
    )


def _code(error: Exception) -> str:
    return error.code if isinstance(error, KioskError) else "unexpected"
