"""The reader's input form: one file (.txt/.docx/.pdf) or pasted text, checked before any work."""

from __future__ import annotations

import codecs
from pathlib import Path

from django import forms
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ALLOWED_EXTENSIONS = (".txt", ".docx", ".pdf")
MAX_PASTED_CHARACTERS = 500_000
_SNIFF_BYTES = 8192
_MB = 1024 * 1024


def max_upload_bytes() -> int:
    return int(getattr(settings, "READER_MAX_UPLOAD_BYTES", 50 * _MB))


def megabytes(size: int) -> str:
    return f"{size / _MB:.1f}".removesuffix(".0")


def _looks_like_text(head: bytes) -> bool:
    """Whether the first bytes of a .txt file are UTF-8 or GB18030 text, not binary data."""
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b < 9 or 13 < b < 32 or b == 127)
    if head and controls / len(head) > 0.01:
        return False
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            codecs.getincrementaldecoder(encoding)().decode(head, final=False)
        except UnicodeDecodeError:
            continue
        return True
    return False


class ReportInputForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Report file"),
        required=False,
        allow_empty_file=True,  # checked in clean_file, with the file named
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ALLOWED_EXTENSIONS)}),
    )
    text = forms.CharField(
        label=gettext_lazy("Or paste the text"),
        required=False,
        strip=False,
        max_length=MAX_PASTED_CHARACTERS,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "A .txt (UTF-8 or GB18030), .docx or .pdf file of at most %(limit)s MB."
        ) % {"limit": megabytes(max_upload_bytes())}

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if not upload:
            return upload
        name = upload.name
        suffix = Path(name).suffix.lower()
        if suffix not in ALLOWED_EXTENSIONS:
            raise forms.ValidationError(
                _("“%(name)s” cannot be read: only .txt, .docx and .pdf files are accepted.")
                % {"name": name}
            )
        if upload.size == 0:
            raise forms.ValidationError(_("The file “%(name)s” is empty.") % {"name": name})
        if upload.size > max_upload_bytes():
            raise forms.ValidationError(
                _("The file “%(name)s” is %(size)s MB; files of at most %(limit)s MB are accepted.")
                % {
                    "name": name,
                    "size": megabytes(upload.size),
                    "limit": megabytes(max_upload_bytes()),
                }
            )
        upload.seek(0)
        head = upload.read(_SNIFF_BYTES)
        upload.seek(0)
        if suffix == ".pdf" and b"%PDF-" not in head[:1024]:
            raise forms.ValidationError(
                _("“%(name)s” is not a PDF file, although its name ends in .pdf.") % {"name": name}
            )
        if suffix == ".docx" and not head.startswith(b"PK\x03\x04"):
            raise forms.ValidationError(
                _("“%(name)s” is not a Word (.docx) file, although its name ends in .docx.")
                % {"name": name}
            )
        if suffix == ".docx":
            from duikou.reader.services import TooLarge, check_docx

            try:
                check_docx(upload, name)  # before it is stored, let alone parsed
            except TooLarge as problem:
                raise forms.ValidationError(str(problem)) from None
            upload.seek(0)
        if suffix == ".txt" and not _looks_like_text(head):
            raise forms.ValidationError(
                _(
                    "“%(name)s” is not readable text: it looks like binary data. Save the report "
                    "as UTF-8 or GB18030 text, or upload the .docx or .pdf itself."
                )
                % {"name": name}
            )
        return upload

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        text = cleaned.get("text") or ""
        if self.errors:
            return cleaned
        if upload and text.strip():
            raise forms.ValidationError(
                _("Give either a file or pasted text, not both."), code="both"
            )
        if not upload and not text.strip():
            raise forms.ValidationError(_("Choose a report file or paste its text."), code="empty")
        cleaned["text"] = text.replace("\x00", "")
        return cleaned
