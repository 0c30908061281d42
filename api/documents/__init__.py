"""Letters and forms of the notice (attachments 1–14) as .docx, from domain values (issue 5).

No database and no web here: the API builds the data, asks ``missing_elements`` (422 with
every reason) and returns what ``reply_letters``, ``form_document`` or ``zip_documents`` give.
"""

from api.documents.checks import (
    IncompleteDocument,
    MissingElement,
    missing_elements,
    require_complete,
)
from api.documents.contexts import ItemRef, ReplyLetterData, letter_context, split_paragraphs
from api.documents.forms import (
    BreakdownForm,
    FeedbackForm,
    Form,
    FormContacts,
    KeyItemForm,
    LookbackForm,
    LookbackRow,
    ResponsibilityRow,
    VisitCard,
)
from api.documents.render import (
    PdfConversionFailed,
    PdfUnavailable,
    form_document,
    reply_letters,
    to_pdf,
    zip_documents,
)

__all__ = [
    "BreakdownForm",
    "FeedbackForm",
    "Form",
    "FormContacts",
    "IncompleteDocument",
    "ItemRef",
    "KeyItemForm",
    "LookbackForm",
    "LookbackRow",
    "MissingElement",
    "PdfConversionFailed",
    "PdfUnavailable",
    "ReplyLetterData",
    "ResponsibilityRow",
    "VisitCard",
    "form_document",
    "letter_context",
    "missing_elements",
    "reply_letters",
    "require_complete",
    "split_paragraphs",
    "to_pdf",
    "zip_documents",
]
