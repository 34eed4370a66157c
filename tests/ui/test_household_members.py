"""Household members through the real screens: add, edit, remove (with
confirmation), Back and Next around them, the review grouped per member, a
draft that keeps a half-entered member, and the submitted list."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.clock import FixedClock
from tests.ui.conftest import CLERK_ID, CLERK_PIN, KioskFactory, settle_kiosk
from tests.ui.test_applicant_flow import stored_store
from ui.app import Kiosk
from ui.walkthrough import Walkthrough

FORM = "minimum-living-allowance"
SPOUSE = {
    "member_name": "Li Jianguo",
    "member_relation": "spouse",
    "member_id_number": "11010519580312402X",
    "member_income": 400,
}
GRANDCHILD_ID = "11010520100915203X"


def to_members_screen(walk: Walkthrough) -> None:
    """Start the service and answer every question before the household members."""
    walk.begin(FORM, "en")
    walk.identify()
    screens = walk.screens
    while walk.kiosk.window.current_screen() is screens.question:
        session = walk.kiosk.applicant.session
        assert session is not None
        field = session.wizard.current()
        assert field is not None
        walk.answer_current(walk.value_for(FORM, field))
        screens.question.next_button.click()
        walk.settle()
        assert not screens.question.problem.isVisible(), screens.question.problem.text()
    assert walk.kiosk.window.current_screen() is screens.members


def answer(walk: Walkthrough, value: object) -> None:
    """Answer the question on screen and press Next."""
    walk.answer_current(value)
    walk.screens.question.next_button.click()
    walk.settle()
    assert not walk.screens.question.problem.isVisible(), walk.screens.question.problem.text()


def test_add_edit_remove_members_then_submit(
    walk: Walkthrough, kiosk: Kiosk, data_dir: Path, clock: FixedClock
) -> None:
    to_members_screen(walk)
    members, question = walk.screens.members, walk.screens.question
    assert members.item_buttons == []
    assert "0" in members.count.text()

    # Add the first member: four questions, one per page, headed with the member's number.
    members.add_item_button.click()
    walk.settle()
    assert kiosk.window.current_screen() is question
    assert "Household member 1" in question.title.text()
    assert question.question.text() == "This member's full name"
    for field_id in ("member_name", "member_relation", "member_id_number", "member_income"):
        answer(walk, SPOUSE[field_id])
    assert kiosk.window.current_screen() is members
    assert len(members.item_buttons) == 1
    assert "Li Jianguo · Husband or wife" in members.item_buttons[0].text()

    # A second member, left half-way with Back: kept, marked not finished.
    members.add_item_button.click()
    walk.settle()
    answer(walk, "Li Xiaohong")
    assert question.question.text() == "How is this person related to you?"
    question.back_button.click()
    walk.settle()
    assert question.question.text() == "This member's full name"
    assert question.raw_answer() == "Li Xiaohong"
    question.back_button.click()
    walk.settle()
    assert kiosk.window.current_screen() is members
    assert "Not finished" in members.item_buttons[1].text()
    members.next_button.click()
    walk.settle()
    assert members.problem.isVisible()
    assert "Number 2 is not finished" in members.problem.text()

    # The half-entered member is in the draft, as a clerk would resume it.
    draft = stored_store(data_dir, clock).drafts()[0]
    assert draft.answers["members"] == [SPOUSE, {"member_name": "Li Xiaohong"}]

    # Tap it to finish it.
    members.item_buttons[1].click()
    walk.settle()
    assert "Household member 2" in question.title.text()
    for value in ("Li Xiaohong", "grandchild", GRANDCHILD_ID, 0):
        answer(walk, value)
    assert "Not finished" not in members.item_buttons[1].text()

    # Add pressed by mistake, then Back: no empty member is left behind.
    members.add_item_button.click()
    walk.settle()
    question.back_button.click()
    walk.settle()
    assert len(members.item_buttons) == 2

    # Remove asks first; "No, keep" keeps, "Yes, remove" removes.
    members.remove_buttons[0].click()
    assert members.confirm_text.isVisible()
    assert "Household member 1" in members.confirm_text.text()
    assert not members.next_button.isVisible()  # nothing else to do meanwhile
    members.keep_button.click()
    assert len(members.item_buttons) == 2 and members.next_button.isVisible()
    members.remove_buttons[0].click()
    members.confirm_remove.click()
    walk.settle()
    assert len(members.item_buttons) == 1
    assert "Li Xiaohong" in members.item_buttons[0].text()
    assert "Household member 1" in members.item_buttons[0].text()

    # Next goes on to the questions after the list, and Back comes back to it.
    members.next_button.click()
    walk.settle()
    assert kiosk.window.current_screen() is question
    question.back_button.click()
    walk.settle()
    assert kiosk.window.current_screen() is members
    members.next_button.click()
    walk.settle()
    walk.answer_all(FORM)

    # The review groups the answers per member; a member's answer opens that member.
    review = walk.screens.review
    assert kiosk.window.current_screen() is review
    assert "1 added" in review.answer_rows["members"].text()
    assert "Li Xiaohong" in review.answer_rows["members/0/member_name"].text()
    review.answer_rows["members/0/member_income"].click()
    walk.settle()
    assert "Household member 1" in question.title.text()
    answer(walk, 250)
    assert kiosk.window.current_screen() is members
    members.next_button.click()
    walk.settle()
    assert kiosk.window.current_screen() is review

    walk.agree_and_submit()
    session = kiosk.applicant.session
    assert session is not None and session.application is not None
    submitted = stored_store(data_dir, clock).get(session.application.uuid)
    assert submitted.answers["members"] == [
        {
            "member_name": "Li Xiaohong",
            "member_relation": "grandchild",
            "member_id_number": GRANDCHILD_ID,
            "member_income": 250,
        }
    ]


def test_a_member_with_a_wrong_id_number_is_refused_on_its_page(walk: Walkthrough) -> None:
    to_members_screen(walk)
    walk.screens.members.add_item_button.click()
    walk.settle()
    answer(walk, "Li Jianguo")
    answer(walk, "spouse")
    walk.answer_current("110105195803124021")
    walk.screens.question.next_button.click()
    walk.settle()
    assert walk.screens.question.problem.isVisible()
    assert "mistake" in walk.screens.question.problem.text()


def test_a_clerk_resumes_a_draft_in_the_middle_of_a_member(
    walk: Walkthrough, kiosk: Kiosk, data_dir: Path, start_kiosk: KioskFactory, qtbot: QtBot
) -> None:
    to_members_screen(walk)
    walk.screens.members.add_item_button.click()
    walk.settle()
    for field_id in ("member_name", "member_relation", "member_id_number", "member_income"):
        answer(walk, SPOUSE[field_id])
    walk.screens.members.add_item_button.click()
    walk.settle()
    answer(walk, "Li Xiaohong")  # then the kiosk goes away at member 2's second question
    kiosk.window.close()
    kiosk.shut_down()

    restarted = start_kiosk(data_dir)
    restarted.applicant.screens.start.clerk_button.click()
    restarted.clerk.pin_screen.staff_input.setText(CLERK_ID)
    restarted.clerk.pin_screen.pin_input.setText(CLERK_PIN)
    restarted.clerk.pin_screen.sign_in_button.click()
    settle_kiosk(qtbot, restarted)
    (draft_button,) = restarted.clerk.home_screen.draft_buttons.values()
    draft_button.click()
    settle_kiosk(qtbot, restarted)

    question = restarted.applicant.screens.question
    assert restarted.window.current_screen() is question
    assert "Household member 2" in question.title.text()
    assert question.question.text() == "How is this person related to you?"
    question.back_button.click()
    settle_kiosk(qtbot, restarted)
    assert question.raw_answer() == "Li Xiaohong"
