"""CRI-O's configuration shown in chapter 2.05 (not run: it needs a kubelet): valid TOML,
a default runtime that is declared as an OCI runtime, a CRI socket for the kubelet."""

import tomllib

from chapters import chapter_of

CHAPTER = chapter_of(__file__)
CRIO_CONF = "21-crio-config/crio.conf"


def config():
    return tomllib.loads(CHAPTER.artifact(CRIO_CONF).read_text(encoding="utf-8"))["crio"]


def test_the_default_runtime_is_a_declared_oci_runtime():
    runtime = config()["runtime"]
    declared = runtime["runtimes"][runtime["default_runtime"]]
    assert declared["runtime_type"] == "oci"
    assert declared["runtime_path"].endswith("/" + runtime["default_runtime"])


def test_the_kubelet_reaches_crio_on_a_unix_socket():
    assert config()["api"]["listen"].endswith(".sock")
