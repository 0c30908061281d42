from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from domain.calendar import DayNote, Explanation, Source


class DayNoteRead(BaseModel):
    date: date
    weekday: str = Field(examples=["星期日"])
    name: str = Field(examples=["调休上班（5月2日休息）"])
    working: bool
    source: Source

    @classmethod
    def of(cls, note: DayNote) -> DayNoteRead:
        return cls(
            date=note.day,
            weekday=note.weekday_name,
            name=note.name,
            working=note.working,
            source=note.source,
        )


class ExplanationRead(BaseModel):
    """How the due date was computed (R-DL-14)."""

    text: str
    steps: list[str]
    nominal_end: date
    rolled_forward: bool
    weekend_days_skipped: list[date]
    holidays_skipped: list[DayNoteRead]
    makeup_workdays_counted: list[DayNoteRead]
    provisional_years: list[int]

    @classmethod
    def of(cls, e: Explanation) -> ExplanationRead:
        return cls(
            text=e.text,
            steps=list(e.steps),
            nominal_end=e.nominal_end,
            rolled_forward=e.rolled_forward,
            weekend_days_skipped=list(e.weekend_days_skipped),
            holidays_skipped=[DayNoteRead.of(n) for n in e.holidays_skipped],
            makeup_workdays_counted=[DayNoteRead.of(n) for n in e.makeup_workdays_counted],
            provisional_years=list(e.provisional_years),
        )


class DeadlineRead(BaseModel):
    start: date = Field(examples=["2024-04-08"])
    period: str = Field(examples=["15wd"])
    due: date = Field(examples=["2024-04-28"])
    provisional: bool = Field(description="所涉年份放假安排未公布时为 true（R-DL-12）")
    explanation: ExplanationRead


class YearRead(BaseModel):
    year: int
    published: bool = Field(description="该年放假安排是否已公布（R-DL-12）")
    source: Source = Field(description="package：holidays 软件包；override：办公室录入（R-DL-13）")
    days: list[DayNoteRead] = Field(description="非周末的休息日与周末调休上班日")
