"""Who may do what: one table from action to roles, read by every route and by the tests.

Every route declares its action with ``Depends(allow("items.read"))``; the authorisation
matrix test walks all routes and fails on one without an entry here.
"""

from __future__ import annotations

from api.models.accounts import UserRole as R

ALL_ROLES = frozenset(R)
SECURITY = frozenset({R.SECURITY_ADMIN})  # 安全管理员: roles and clearances only
AUDIT = frozenset({R.AUDIT_ADMIN})  # 审计管理员: the audit log only
EVERYONE = ALL_ROLES - SECURITY - AUDIT  # everyone who works with items (三员分立)
OFFICE = frozenset({R.OFFICE_ADMIN, R.OFFICE_STAFF})
UNIT = frozenset({R.UNIT_HANDLER, R.UNIT_LEADER})
READERS = EVERYONE
WRITERS = EVERYONE - {R.AUDITOR}  # the auditor reads everything and changes nothing

PERMISSIONS: dict[str, frozenset[R]] = {
    "me.read": ALL_ROLES,
    "config.read": EVERYONE,
    "config.write": frozenset({R.OFFICE_ADMIN}),
    "units.read": EVERYONE | SECURITY,  # the security admin grants people of named units
    "security.policy.read": SECURITY | AUDIT | frozenset({R.OFFICE_ADMIN, R.AUDITOR}),
    "units.write": frozenset({R.OFFICE_ADMIN}),
    "users.read": frozenset({R.OFFICE_ADMIN, R.AUDITOR}) | SECURITY | AUDIT,
    "users.write": frozenset({R.OFFICE_ADMIN}),  # 系统管理员: accounts, not their powers
    "users.grant": SECURITY,
    "api_keys.manage": frozenset({R.OFFICE_ADMIN}),
    "sessions.read": EVERYONE,
    "sessions.write": OFFICE,
    "proposers.read": EVERYONE,
    "proposers.write": OFFICE,
    "items.read": READERS,
    "items.write": OFFICE,
    "assignments.write": OFFICE,
    "reassignment.request": UNIT,
    "reassignment.decide": OFFICE,
    "reassignment.read": READERS - {R.NPC_LIAISON, R.CPPCC_LIAISON},
    "breakdowns.write": UNIT,
    "key_items.write": UNIT,
    "supervision.mark": OFFICE,  # R-KY-2 leader-supervised items
    "open_door.write": UNIT,
    "co_opinions.write": UNIT,
    "replies.read": READERS,
    "replies.write": UNIT,
    "replies.sign": frozenset({R.UNIT_LEADER}),
    "replies.review": OFFICE,
    "replies.send": UNIT | OFFICE,
    "merges.write": OFFICE,
    "templates.read": UNIT | OFFICE | {R.AUDITOR},
    "templates.write": UNIT,
    "notes.read": WRITERS | {R.AUDITOR},
    "notes.write": WRITERS,
    "audit.read": AUDIT | {R.AUDITOR},
    "calendar.write": frozenset({R.OFFICE_ADMIN}),
    "webhooks.manage": frozenset({R.OFFICE_ADMIN}),
    "visits.write": UNIT,
    "feedback.write": OFFICE | {R.NPC_LIAISON, R.CPPCC_LIAISON},
    "referrals.write": OFFICE,
    "followup.write": UNIT,
    "lookback.write": UNIT,
    "replies.publish": UNIT | OFFICE,
    "supervision.read": READERS,
    "supervision.write": OFFICE,
    "reports.read": READERS,
    "reports.write": UNIT | OFFICE,
    "attachments.write": WRITERS,
    "kpi.read": READERS,
    "imports.write": OFFICE,  # 批量导入
    "imports.read": OFFICE | {R.AUDITOR},
    "ledger.read": OFFICE | UNIT | {R.AUDITOR},  # 台账: a unit gets its own rows only
    "reminders.read": OFFICE | UNIT | {R.AUDITOR},
    "circular.read": OFFICE | {R.AUDITOR},  # 通报 draft (R-SV-1, R-SV-2)
}


def role_may(role: R, action: str) -> bool:
    return role in PERMISSIONS[action]
