"""Each ledger rule on a broken copy of the fixture tree: one finding, one line, file and line."""

import pytest

from labrunner import ledger


@pytest.fixture
def pointed(tree, monkeypatch):
    for key, value in tree.env().items():
        if key.startswith("LABRUNNER_"):
            monkeypatch.setenv(key, value)
    return tree


def findings(rule):
    found = ledger.RULES[rule]()
    assert all("\n" not in finding for finding in found)
    return found


def test_the_fixture_tree_is_clean(pointed):
    assert {rule: findings(rule) for rule in ledger.RULES} == {rule: [] for rule in ledger.RULES}


def test_an_orphan_snippet(pointed):
    pointed.edit(pointed.page, "```{lab} 01-hello\n```\n", "")
    [finding] = findings("orphan-snippets")
    assert finding.endswith("01-hello/lab.sh: included nowhere in the book: add ```{lab} 01-hello``` to "
                            f"{pointed.page}")


def test_a_dangling_lab(pointed):
    pointed.edit(pointed.page, "```{lab} 01-hello", "```{lab} 01-helo")
    assert findings("dangling-includes") == [
        f"{pointed.page}:5: {{lab}} 01-helo: no lab.sh or lab.py in {pointed.chapter / '01-helo'}"]
    assert len(findings("orphan-snippets")) == 1


def test_a_dangling_literalinclude(pointed):
    pointed.edit(pointed.page, "# Chapitre de test\n", "# Chapitre de test\n\n```{literalinclude} ../../snippets/nope.conf\n```\n")
    [finding] = findings("dangling-includes")
    assert finding.startswith(f"{pointed.page}:3: {{literalinclude}} ../../snippets/nope.conf: ") and finding.endswith("does not exist")


def test_code_blocks_must_be_accounted_for(pointed):
    pointed.edit(pointed.page, "# Chapitre de test\n", "# Chapitre de test\n\n```sh\nls\n```\n\n```{code-block} python\nx\n```\n"
                 "\n```{illustrative} ini\nx = 1\n```\n")
    found = findings("unaccounted-code-blocks")
    assert [f.split(": ")[0] for f in found] == [f"{pointed.page}:3", f"{pointed.page}:7", f"{pointed.page}:11"]
    assert "plain ```sh block" in found[0] and "{code-block} block" in found[1] and "without :reason:" in found[2]


def test_a_literalinclude_outside_snippets_is_not_proof(pointed):
    (pointed.book / "part" / "x.txt").write_text("x\n")
    pointed.edit(pointed.page, "# Chapitre de test\n", "# Chapitre de test\n\n```{literalinclude} x.txt\n```\n")
    [finding] = findings("unaccounted-code-blocks")
    assert "{literalinclude} of x.txt, outside snippets/" in finding


def test_a_missing_output_and_record(pointed):
    (pointed.chapter / "01-hello" / "output.txt").unlink()
    (pointed.chapter / "03-placeholders" / "record.json").unlink()
    assert [f.split(" ")[0] for f in findings("missing-outputs")] == [str(pointed.chapter / "01-hello" / "output.txt")]
    [stale] = findings("stale-records")
    assert stale.startswith(f"{pointed.chapter / '03-placeholders' / 'record.json'} missing: run pytest --update-outputs ")


def test_a_changed_lab_toml_makes_the_record_stale(pointed):
    pointed.edit(pointed.chapter / "04-exit-and-stderr" / "lab.toml", "timeout = 10", "timeout = 11")
    [stale] = findings("stale-records")
    assert "04-exit-and-stderr/record.json: lab.sh or lab.toml changed since the output was recorded" in stale


def test_a_lab_title_is_not_an_input_of_its_output(pointed):
    lab_toml = pointed.chapter / "04-exit-and-stderr" / "lab.toml"
    lab_toml.write_text('title = "Un lab qui échoue"\n' + lab_toml.read_text())
    assert findings("stale-records") == []
    pointed.edit(lab_toml, "timeout = 10", "timeout = 11")
    [stale] = findings("stale-records")  # beside a title, any other change still counts
    assert "04-exit-and-stderr/record.json: lab.sh or lab.toml changed" in stale


def test_labs_are_numbered_in_chapter_order(pointed):
    pointed.edit(pointed.page, "```{lab} 01-hello\n```\n", "")
    pointed.edit(pointed.page, "```{lab} 04-exit-and-stderr\n```\n", "```{lab} 04-exit-and-stderr\n```\n\n```{lab} 01-hello\n```\n")
    [finding] = findings("lab-names-and-order")
    assert finding.startswith(f"{pointed.page}:") and ": 01-hello is shown after 04-exit-and-stderr: number the lab" in finding


def test_lab_folder_names_are_numbered_kebab_case(pointed):
    (pointed.chapter / "01-hello").rename(pointed.chapter / "01-Hello_World")
    pointed.edit(pointed.page, "{lab} 01-hello", "{lab} 01-Hello_World")
    [finding] = findings("lab-names-and-order")
    assert finding == f"{pointed.chapter / '01-Hello_World'}: lab folder name must be NN-kebab-case in ASCII (e.g. 03-chroot-escape)"
