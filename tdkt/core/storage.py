"""Static files storage: hashed, compressed names once collected; plain names before.

Whitenoise's manifest storage raises on the first `{% static %}` when `collectstatic` has never run, so
`tdkt runserver` on a fresh checkout answered 500 on every page. Until the manifest exists this storage
answers the plain name, which whitenoise serves from the finders (`WHITENOISE_USE_FINDERS`).
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    def stored_name(self, name):
        if not self.hashed_files:  # no manifest: collectstatic has not run (yet) into STATIC_ROOT
            return name
        return super().stored_name(name)
