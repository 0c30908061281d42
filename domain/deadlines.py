"""The notice's deadlines as data (R-DL-1..10, R-AS-2) and one function that evaluates them.

Every deadline is a ``DeadlineRule``: what starts it, how long it runs (or which fixed date of
the year plan it uses), what completes it and which roles owe it. ``evaluate`` turns an
assignment's dates into due dates with states, as of a given day.

R-DL-11: asking a superior for instructions never stops the clock — there is deliberately no
way to suspend or extend a deadline here; only the office's per-item dates (R-DL-10) and a
corrected holiday arrangement (R-DL-13) change a due date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

from domain.calendar import Explanation, Period, WorkCalendar
from domain.errors import DomainError
from domain.explain import chinese_date, explain
from domain.model import Role


class Trigger(StrEnum):
    """The event a period counts from."""

    FIRST_ASSIGNMENT = "first_assignment"  # 第一次交办 (收到交办)
    SECOND_ASSIGNMENT = "second_assignment"  # 第二次交办
    REPLY_SENT = "reply_sent"  # 答复之日
    REPLY_RECEIVED = "reply_received"  # 代表委员收到答复
    OFFICE_REFERRAL = "office_referral"  # 政府办公室交办反馈意见
    YEAR_PLAN = "year_plan"  # 年度固定日期


class State(StrEnum):
    NOT_STARTED = "not_started"  # 未起算
    OPEN = "open"  # 办理中
    DUE_SOON = "due_soon"  # 临期
    OVERDUE = "overdue"  # 逾期
    DONE_ON_TIME = "done_on_time"  # 按时完成
    DONE_LATE = "done_late"  # 逾期完成
    CLOSED = "closed"  # 期限已过（可选事项，如申请调整）

    @property
    def label(self) -> str:
        return {
            "not_started": "未起算",
            "open": "办理中",
            "due_soon": "临期",
            "overdue": "逾期",
            "done_on_time": "按时完成",
            "done_late": "逾期完成",
            "closed": "已截止",
        }[self.value]


ALL_ROLES = frozenset(Role)
REPLYING = frozenset({Role.MAIN, Role.SPLIT})


@dataclass(frozen=True, slots=True)
class DeadlineRule:
    """One deadline of the notice.

    ``done_by`` names the ``AssignmentDates`` field that completes it; ``optional`` marks a
    window (R-AS-2) rather than a duty, which closes instead of going overdue; ``key_only``
    applies the rule to key items only; ``conditional`` rules appear only once started.
    """

    rule_id: str
    name: str
    trigger: Trigger
    done_by: str
    roles: frozenset[Role]
    period: Period | None = None
    plan_date: str | None = None
    key_only: bool = False
    optional: bool = False
    conditional: bool = False
    publishable_only: bool = False


def _p(text: str) -> Period:
    return Period.parse(text)


RULES: tuple[DeadlineRule, ...] = (
    DeadlineRule(
        "R-AS-2",
        "申请调整承办单位",
        Trigger.FIRST_ASSIGNMENT,
        "reassignment_requested",
        ALL_ROLES,
        _p("10wd"),
        optional=True,
    ),
    DeadlineRule(
        "R-DL-1",
        "办理责任分解表送达并报备",
        Trigger.SECOND_ASSIGNMENT,
        "breakdown_delivered",
        REPLYING,
        _p("15wd"),
    ),
    DeadlineRule(
        "R-DL-2",
        "重点处理登记表报备",
        Trigger.SECOND_ASSIGNMENT,
        "key_registration_filed",
        REPLYING,
        _p("15wd"),
        key_only=True,
    ),
    DeadlineRule(
        "R-DL-3",
        "会办意见送达主办单位",
        Trigger.SECOND_ASSIGNMENT,
        "co_opinion_delivered",
        frozenset({Role.CO}),
        _p("1m"),
    ),
    DeadlineRule(
        "R-DL-4",
        "答复代表委员",
        Trigger.SECOND_ASSIGNMENT,
        "reply_sent",
        REPLYING,
        _p("3m"),
    ),
    DeadlineRule(
        "R-DL-5",
        "答复函全文网上公开",
        Trigger.REPLY_SENT,
        "reply_published",
        REPLYING,
        _p("7d"),
        publishable_only=True,
    ),
    DeadlineRule(
        "R-DL-6",
        "代表委员反馈征询意见表",
        Trigger.REPLY_RECEIVED,
        "feedback_returned",
        REPLYING,
        _p("15d"),
    ),
    DeadlineRule(
        "R-DL-7",
        "不满意件书面反馈",
        Trigger.OFFICE_REFERRAL,
        "followup_sent",
        REPLYING,
        _p("15wd"),
        conditional=True,
    ),
    DeadlineRule(
        "R-DL-8",
        "走访卡全部报送",
        Trigger.YEAR_PLAN,
        "visit_cards_submitted",
        REPLYING,
        plan_date="visit_cards_due",
    ),
    DeadlineRule(
        "R-DL-9",
        "办理情况复查表及年度总结报送",
        Trigger.YEAR_PLAN,
        "lookback_filed",
        frozenset({Role.MAIN}),
        plan_date="lookback_due",
    ),
)

RULES_BY_ID = {rule.rule_id: rule for rule in RULES}


@dataclass(frozen=True, slots=True)
class YearPlan:
    """The year's fixed dates (R-DL-8, R-DL-9); the notice's footnotes give 2024's."""

    year: int
    visit_cards_due: date
    lookback_due: date

    @classmethod
    def default(cls, year: int) -> YearPlan:
        """As in 2024: visit cards by 30 September, look-back and summary by 31 December."""
        return cls(year, date(year, 9, 30), date(year, 12, 31))


@dataclass(frozen=True, slots=True)
class DeadlineSettings:
    due_soon_days: int = 3  # 临期: this many working days or fewer left
    reassignment_window_days: int = 10  # R-AS-2: a setting, the notice is silent


@dataclass(frozen=True, slots=True)
class AssignmentDates:
    """What has happened to one item at one unit, each on its date (None: not yet)."""

    role: Role
    key_item: bool = False
    publishable: bool = True
    first_assignment: date | None = None
    second_assignment: date | None = None
    reassignment_requested: date | None = None
    breakdown_delivered: date | None = None
    key_registration_filed: date | None = None
    co_opinion_delivered: date | None = None
    reply_sent: date | None = None
    reply_received: date | None = None
    reply_published: date | None = None
    feedback_returned: date | None = None
    office_referral: date | None = None
    followup_sent: date | None = None
    visit_cards_submitted: date | None = None
    lookback_filed: date | None = None
    office_set_due: Mapping[str, date] = field(default_factory=dict)  # R-DL-10


@dataclass(frozen=True, slots=True)
class Deadline:
    """One rule evaluated for one assignment as of a day."""

    rule: DeadlineRule
    start: date | None
    due: date | None
    state: State
    done_on: date | None
    provisional: bool
    working_days_left: int | None  # negative: working days overdue
    set_by_office: bool = False


def applicable_rules(dates: AssignmentDates) -> list[DeadlineRule]:
    """The rules an assignment owes, by its role, key flag and publishability."""
    return [
        r
        for r in RULES
        if dates.role in r.roles
        and (dates.key_item or not r.key_only)
        and (dates.publishable or not r.publishable_only)
    ]


def _start(rule: DeadlineRule, dates: AssignmentDates) -> date | None:
    if rule.trigger is Trigger.YEAR_PLAN:
        return None
    if rule.trigger is Trigger.FIRST_ASSIGNMENT:
        return dates.first_assignment or dates.second_assignment
    if rule.trigger is Trigger.REPLY_RECEIVED:
        return dates.reply_received or dates.reply_sent
    start: date | None = getattr(dates, rule.trigger.value)
    return start


def _happened(day: date | None, as_of: date) -> date | None:
    return day if day is not None and day <= as_of else None


def evaluate(
    calendar: WorkCalendar,
    dates: AssignmentDates,
    *,
    as_of: date,
    plan: YearPlan,
    settings: DeadlineSettings = DeadlineSettings(),
) -> list[Deadline]:
    """Every deadline the assignment owes, with its due date and state as of ``as_of``.

    Events dated after ``as_of`` have not happened yet, so a past state can be replayed.
    """
    results = []
    for rule in applicable_rules(dates):
        deadline = evaluate_rule(calendar, rule, dates, as_of=as_of, plan=plan, settings=settings)
        if not (rule.conditional and deadline.state is State.NOT_STARTED):
            results.append(deadline)
    return results


def evaluate_rule(
    calendar: WorkCalendar,
    rule: DeadlineRule,
    dates: AssignmentDates,
    *,
    as_of: date,
    plan: YearPlan,
    settings: DeadlineSettings = DeadlineSettings(),
) -> Deadline:
    """One rule for one assignment (see ``evaluate``)."""
    start = _happened(_start(rule, dates), as_of)
    due, provisional, by_office = _due(calendar, rule, start, dates, plan, settings)
    done_on = _happened(getattr(dates, rule.done_by), as_of)
    if due is None:
        return Deadline(rule, start, None, State.NOT_STARTED, done_on, False, None)
    left = calendar.working_days_between(as_of, due)
    state = _state(rule, due, done_on, as_of, left, settings)
    return Deadline(rule, start, due, state, done_on, provisional, left, by_office)


def _due(
    calendar: WorkCalendar,
    rule: DeadlineRule,
    start: date | None,
    dates: AssignmentDates,
    plan: YearPlan,
    settings: DeadlineSettings,
) -> tuple[date | None, bool, bool]:
    """The due date, whether it is provisional, and whether the office set it (R-DL-10)."""
    if rule.rule_id in dates.office_set_due:
        return dates.office_set_due[rule.rule_id], False, True
    if rule.plan_date is not None:
        return getattr(plan, rule.plan_date), False, False
    if start is None:
        return None, False, False
    result = calendar.due(start, period_of(rule, settings))
    return result.due, result.provisional, False


def period_of(rule: DeadlineRule, settings: DeadlineSettings = DeadlineSettings()) -> Period:
    """The rule's period; R-AS-2's window length is a setting."""
    if rule.rule_id == "R-AS-2":
        return Period.parse(f"{settings.reassignment_window_days}wd")
    if rule.period is None:
        raise DomainError(f"{rule.rule_id} 为年度固定日期，没有期间", rule_id=rule.rule_id)
    return rule.period


def _state(
    rule: DeadlineRule,
    due: date,
    done_on: date | None,
    as_of: date,
    left: int,
    settings: DeadlineSettings,
) -> State:
    if done_on is not None:
        return State.DONE_ON_TIME if done_on <= due else State.DONE_LATE
    if as_of > due:
        return State.CLOSED if rule.optional else State.OVERDUE
    if left <= settings.due_soon_days:
        return State.DUE_SOON
    return State.OPEN


def explain_deadline(
    calendar: WorkCalendar, deadline: Deadline, settings: DeadlineSettings = DeadlineSettings()
) -> Explanation | str:
    """How the due date was reached (R-DL-14): a period's explanation or the date's origin."""
    rule = deadline.rule
    if deadline.due is None:
        return f"{rule.name}尚未起算：等待“{_trigger_label(rule.trigger)}”"
    if deadline.set_by_office:
        return f"闭会期间交办，由政府办公室按件确定期限为{chinese_date(deadline.due)}（R-DL-10）"
    if rule.plan_date is not None:
        return f"年度计划确定的固定日期{chinese_date(deadline.due)}（{rule.rule_id}）"
    assert deadline.start is not None
    return explain(calendar, deadline.start, period_of(rule, settings))


def _trigger_label(trigger: Trigger) -> str:
    return {
        "first_assignment": "交办",
        "second_assignment": "第二次交办",
        "reply_sent": "答复代表委员",
        "reply_received": "代表委员收到答复",
        "office_referral": "政府办公室交办反馈意见",
        "year_plan": "年度计划",
    }[trigger.value]


def check_reassignment_request(
    calendar: WorkCalendar,
    dates: AssignmentDates,
    *,
    on: date,
    settings: DeadlineSettings = DeadlineSettings(),
) -> None:
    """Refuses a request to re-assign (申请调整) outside its window (R-AS-2, R-AS-3)."""
    first, second = dates.first_assignment, dates.second_assignment
    received = first or second
    if received is None:
        raise DomainError("该件尚未交办，不能申请调整", rule_id="R-AS-2", field="requested_on")
    if first is not None and second is not None and on >= second:
        raise DomainError(
            f"调整须在第二次交办（{chinese_date(second)}）前完成",
            rule_id="R-AS-3",
            field="requested_on",
        )
    closes = calendar.due(received, period_of(RULES_BY_ID["R-AS-2"], settings)).due
    if not received <= on <= closes:
        raise DomainError(
            f"申请调整须在收到交办后{settings.reassignment_window_days}个工作日内提出"
            f"（{chinese_date(received)}至{chinese_date(closes)}）",
            rule_id="R-AS-2",
            field="requested_on",
        )


def due_soon_until(calendar: WorkCalendar, as_of: date, settings: DeadlineSettings) -> date:
    """The last due date that is "due soon" as of a day, so lists can filter by a date range.

    Due soon means at most ``due_soon_days`` working days in (as_of, due]: exactly the dates
    before the next working day after that many.
    """
    return calendar.add_working_days(as_of, settings.due_soon_days + 1) - timedelta(days=1)


def state_of(
    calendar: WorkCalendar,
    due: date,
    done_on: date | None,
    *,
    as_of: date,
    settings: DeadlineSettings = DeadlineSettings(),
) -> State:
    """The state of any due date (reports, summaries) by the same rules as ``evaluate``."""
    if done_on is not None and done_on > as_of:
        done_on = None
    left = calendar.working_days_between(as_of, due)
    return _state(RULES_BY_ID["R-DL-9"], due, done_on, as_of, left, settings)
