"""Where Apertium's programs and data are installed: what placement's dictionaries
(``morphology``) need to know even when another engine translates, without loading the
Apertium engine itself (its module and its pipeline's, about 8 ms to import)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


class ApertiumInstall:
    """Apertium's programs looked for on ``search_path`` (``$PATH`` when None), and the data
    folder beside the ``apertium`` command."""

    search_path: str | None = None

    def executable(self) -> str | None:
        return self.program("apertium")

    def program(self, name: str) -> str | None:
        """Where one of Apertium's programs is (``lt-proc``, ``apertium-destxt``): on the
        engine's ``search_path``, else on ``$PATH``."""
        return shutil.which(name, path=self.search_path)

    def data_dir(self) -> Path | None:
        """The folder of the installed pairs and modes; None without the apertium command."""
        exe = self.executable()
        return None if exe is None else self._data_dir(exe)

    def _data_dir(self, exe: str) -> Path:
        configured = os.environ.get("APERTIUM_DATADIR")
        if configured:
            return Path(configured)
        return Path(exe).resolve().parent.parent / "share" / "apertium"
