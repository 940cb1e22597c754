"""The figures extension is imported straight from conf/_ext, as Sphinx imports it."""

import sys
from pathlib import Path

EXT_DIR = Path(__file__).resolve().parents[2] / "conf" / "_ext"
DATA_DIR = Path(__file__).resolve().parents[2] / "conf" / "figures"
if str(EXT_DIR) not in sys.path:
    sys.path.insert(0, str(EXT_DIR))
