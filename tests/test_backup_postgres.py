"""A shared PostgreSQL database has no file to copy: backup, restore and the daily backup say to use pg_dump."""

import pytest

from models.core import backup, settings
from models.core.audit import AuditEntry
from models.core.errors import ValidationError
from models.core.rights import Role
from tests.conftest import ON_POSTGRES

pytestmark = pytest.mark.skipif(not ON_POSTGRES, reason="runs in the PostgreSQL pass")


def test_backup_restore_and_the_daily_backup_point_to_pg_dump(three, tmp_path):
    admin = three[Role.SYSADMIN]
    settings.set_text(admin, "backup_folder", str(tmp_path))
    entries = AuditEntry.select().count()
    for call in (lambda: backup.backup(admin, tmp_path / "x.db"), lambda: backup.restore(admin, tmp_path / "x.db"),
                 backup.scheduled_backup):
        with pytest.raises(ValidationError, match="pg_dump"):
            call()
    assert list(tmp_path.iterdir()) == [] and AuditEntry.select().count() == entries
