"""Static files storage: hashed, compressed names once collected; plain names before. And the plain name of
an uploaded file (`plain_file_name`).

Whitenoise's manifest storage raises on the first `{% static %}` when `collectstatic` has never run, so
`tdkt runserver` on a fresh checkout answered 500 on every page. Until the manifest exists this storage
answers the plain name, which whitenoise serves from the finders (`WHITENOISE_USE_FINDERS`).
"""

import re
import unicodedata

from whitenoise.storage import CompressedManifestStaticFilesStorage

_SEPARATORS = re.compile(r"[\\/]")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def plain_file_name(name: str | None) -> str:
    """The name of an uploaded file without any path, in NFC: "../../x.pdf", "..\\..\\x.pdf" and
    "C:\\tmp\\x.pdf" are all "x.pdf" (Django strips "/" paths, but on Linux keeps a Windows one); "" when
    nothing is left ("..", "/")."""
    base = _SEPARATORS.split(_CONTROL.sub("", unicodedata.normalize("NFC", name or "")))[-1].strip()
    return "" if base in {".", ".."} else base


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def stored_name(self, name):
        if not self.hashed_files:  # no manifest: collectstatic has not run (yet) into STATIC_ROOT
            return name
        return super().stored_name(name)
