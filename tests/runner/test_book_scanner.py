"""The MyST fence scanner behind the ledger: nested blocks found, literal bodies skipped."""

from labrunner.book import blocks

PAGE = """# Titre

```{lab} 01-a
```

:::{dropdown} Solution
```{lab} 02-b
```
````{note}
```python
print("inside a note")
```
````
:::

````md
```{lab} 99-only-text-inside-a-code-block
```
````

```{illustrative} ini
:reason: Non exécuté ici.
:class: x
path = /jail
```

```{illustrative}
---
reason: En YAML.
---
x
```

Texte avec ```du code en ligne``` sur une ligne.

```
never closed
"""


def scan(tmp_path):
    page = tmp_path / "page.md"
    page.write_text(PAGE, encoding="utf-8")
    return [(b.line, b.marker, b.directive, b.argument, b.options) for b in blocks(page)]


def test_blocks_nested_and_literal(tmp_path):
    assert scan(tmp_path) == [
        (3, "```", "lab", "01-a", {}),
        (6, ":::", "dropdown", "Solution", {}),
        (7, "```", "lab", "02-b", {}),
        (9, "````", "note", "", {}),
        (10, "```", None, "", {}),
        (16, "````", None, "", {}),
        (21, "```", "illustrative", "ini", {"reason": "Non exécuté ici.", "class": "x"}),
        (27, "```", "illustrative", "", {"reason": "En YAML."}),
        (36, "```", None, "", {}),
    ]
