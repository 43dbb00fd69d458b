"""The editor offers every scenario × type Tezgâh issues, and for each the sections and line
columns of what that scenario and type add (``app.domain.kinds``) — and no others."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app.context import AppContext
from app.domain import codes, kinds
from app.usecases.company import set_company
from tests.fixtures.app import COMPANY
from tests.ui.conftest import activate
from ui.models.lines import COL, KIND_COLUMNS


def test_every_allowed_pair_is_offered_with_its_own_fields(start_gui: Any, qtbot: Any,
                                                           company_dir: Path) -> None:
    set_company(AppContext.open(company_dir), COMPANY)
    gui = start_gui(company_dir)
    activate(qtbot, gui.window)
    gui.window.go(2)
    ed = gui.window.editor
    offered_profiles = [ed.profile.itemData(i) for i in range(ed.profile.count())]
    assert offered_profiles == [p.value for p in codes.Profile]
    for profile in codes.Profile:
        ed.profile.setCurrentIndex(ed.profile.findData(profile.value))
        offered = [ed.type.itemData(i) for i in range(ed.type.count())]
        assert offered == [t.value for t in codes.ALLOWED_TYPES[profile]], profile
        for type_code in offered:
            ed.type.setCurrentIndex(ed.type.findData(type_code))
            active = {k.key for k in kinds.active(profile.value, type_code)}
            for key, section in ed.kind_sections.sections.items():
                assert section.isVisibleTo(ed) == (key in active), (profile, type_code, key)
            for column, (kind, _spec) in KIND_COLUMNS.items():
                assert ed.table.isColumnHidden(COL[column]) == (kind.key not in active), (
                    profile, type_code, column)
            # only the shown sections go into the invoice JSON
            data = ed.invoice_json()
            assert {k.key for k in kinds.all_kinds() if k.key in data} <= active
