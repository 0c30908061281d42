"""Pure rules of banli: no I/O, no ORM, no web, no clock ("as of" dates are passed in).

Rule ids (``R-DL-4`` …) refer to ``shared/spec/RULES.md``, which restates the county
office's 2024 notice on handling deputies' suggestions and CPPCC proposals.
"""
