"""Test settings: the real settings, with the few changes that keep tests fast and
runnable over plain HTTP. Everything else (database included) comes from the environment."""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key-" + "x" * 40)
os.environ.setdefault("DJANGO_HTTPS", "0")
# The tests check that Django serves uploaded photos (production leaves it off).
os.environ.setdefault("DJANGO_SERVE_MEDIA", "1")

from newsroom.settings import *  # noqa: F403

# PBKDF2 with 1.5M iterations makes every login in a test take a second.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# No manifest needed: tests do not run collectstatic.
STORAGES["staticfiles"]["BACKEND"] = (
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
# Serve static files from the apps and static/ as in development (no collectstatic).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
# Import previews wait in a throwaway folder, not in the project's var/.
NEWSROOM_IMPORT_STAGING_DIR = Path(tempfile.mkdtemp(prefix="newsroom-staging-"))
STORAGES["import_staging"]["OPTIONS"]["location"] = str(NEWSROOM_IMPORT_STAGING_DIR)
