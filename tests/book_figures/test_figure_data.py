"""Each figure of conf/figures/ draws, says what it shows in French, and bad data is named."""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from labrunner import options

from figures import canvas, kinds, palette, svg
from figures.lab_limits import default_limit
from figures.data import FigureDataError, load
from book_figures.conftest import DATA_DIR

DATA_FILES = sorted(DATA_DIR.glob("*.toml"))


def draw(path: Path) -> tuple[str, str]:
    data = load(path)
    return data.text("alt"), kinds.draw(data)


def drawn_texts(drawn: str) -> list[str]:
    """The words of each <text> element (one line of a label), as tests/quality reads them."""
    root = ElementTree.fromstring(drawn)
    return ["".join(t.itertext()) for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_the_four_figures_of_chapter_2_05_have_data():
    assert {p.stem for p in DATA_FILES} >= {"timeline", "namespaces", "cgroups", "runtimes"}


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.stem)
def test_figure_draws_with_french_alternative_text(path):
    alt, drawn = draw(path)
    assert len(alt) > 80 and re.search(r"\b(le|la|les|du|des)\b", alt), "alt text too short"
    themed = svg.themed(drawn, alt)
    root = ElementTree.fromstring(themed)
    assert root.get("role") == "img" and root.get("aria-label") == alt
    assert ' id="' not in themed, "ids would clash between figures of one page"
    assert themed.count("<title>") == 1, "the alt text is the figure's only tooltip"
    # Every palette colour carries its role class, so the dark theme repaints all of it.
    for element in re.findall(r"<(?:tspan|text|rect|circle|polygon|polyline)\b[^>]*>", themed):
        for attribute, prefix in (("fill", "f"), ("stroke", "s")):
            value = re.search(rf'\b{attribute}="([^"]+)"', element)
            if value and value.group(1) in palette.BY_LIGHT:
                role = palette.BY_LIGHT[value.group(1)].name
                assert f"{prefix}-{role}" in element, element
            elif value:
                assert value.group(1) == "none", f"colour outside the palette: {element}"


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.stem)
def test_figure_text_is_drawn_at_reading_size(path):
    """13 px at least: the page shows figures unscaled (figures.css), so that is what a reader sees."""
    _, drawn = draw(path)
    sizes = [float(size) for size in re.findall(r'font-size="([0-9.]+)"', drawn)]
    assert sizes and min(sizes) >= canvas.SMALL >= 12, sorted(set(sizes))


@pytest.mark.parametrize("path", DATA_FILES, ids=lambda p: p.stem)
def test_epub_figure_has_its_own_light_background(path):
    """An e-reader's night mode darkens the page: behind a transparent figure, the labels
    drawn outside the boxes (layer names, arrow labels) would be dark on dark."""
    alt, drawn = draw(path)
    root = ElementTree.fromstring(svg.plain(drawn, alt).split("?>", 1)[1])
    background = root.find("{http://www.w3.org/2000/svg}rect")
    assert background is not None and background.get("fill") == palette.PAPER
    assert [background.get(k) for k in ("x", "y", "width", "height")] == root.get("viewBox").split()


def test_timeline_shows_every_milestone_and_its_precise_date():
    _, drawn = draw(DATA_DIR / "timeline.toml")
    text = " ".join(drawn_texts(drawn))
    for year in (1979, 2000, 2001, 2002, 2006, 2008, 2013, 2014, 2016, 2018):
        assert str(year) in text
    assert "dès 2015" in text and "6 mars 2018" in text


def test_namespaces_joins_inside_and_host_pids():
    _, drawn = draw(DATA_DIR / "namespaces.toml")
    assert {"1", "2", "1251", "1265"} <= set(drawn_texts(drawn))


def test_cgroups_figure_draws_the_runner_s_default_limits(monkeypatch):
    """One source: change the runner's defaults and the figure follows."""
    real = options.LabOptions
    monkeypatch.setattr(options, "LabOptions", lambda: real(cpus=2.0, memory="256m", pids=32))
    drawn = " ".join(drawn_texts(draw(DATA_DIR / "cgroups.toml")[1]))
    for limit in ("2,0 CPU = 200 ms / 100 ms", "256 Mio", "32 processus"):
        assert limit in drawn, drawn


def test_cgroups_alt_text_states_the_runner_s_default_limits():
    """The alt text is prose and restates the limits: checked against the runner's values."""
    data = load(DATA_DIR / "cgroups.toml")
    alt = data.text("alt")
    numbers = set(re.findall(r"\d+(?:,\d+)?", alt))
    for quota in data.tables("quota"):
        _, text = default_limit(quota.text("lab_default"))
        assert text.split(" = ")[0] in alt, f"the alt text of {data.path} does not say « {text} »"
        assert set(re.findall(r"\d+(?:,\d+)?", text)) <= numbers, f"the alt text of {data.path} does not say « {text} »"


def test_dark_stylesheet_defines_every_role():
    css = palette.stylesheet()
    dark = css.split('html[data-theme="dark"]', 1)[1]
    for role in palette.ROLES:
        assert f"--fig-{role.name}: {role.dark};" in dark
        assert f".f-{role.name} {{ fill: var(--fig-{role.name}); }}" in css


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('kind = "timeline"\nalt = "x"\ncaption = "y"\ncolour = 1\n', "unknown key(s) colour"),
        ('kind = "pie"\nalt = "x"\ncaption = "y"\n', "unknown kind 'pie'"),
        ('kind = "quotas"\ncaption = "y"\n', "missing key 'alt'"),
        ('kind = "quotas"\nalt = \n', "invalid TOML"),
        ('kind = "timeline"\nalt = "x"\ncaption = "y"\n[legend]\nE = "e"\n'
         '[[milestone]]\nyear = 1979\nname = "chroot"\ntags = ["Z"]\n', "unknown tag(s) ['Z']"),
        ('kind = "quotas"\nalt = "x"\ncaption = "y"\ntitle = "t"\n[[quota]]\nresource = "r"\nused = 1\n'
         'lab_default = "disk"\nused_text = "1"\nbeyond = "b"\n', "lab_default 'disk' is not a limit of the labs"),
        ('kind = "quotas"\nalt = "x"\ncaption = "y"\ntitle = "t"\n[[quota]]\nresource = "r"\nused = 100000\n'
         'lab_default = "pids"\nused_text = "1"\nbeyond = "b"\n', "need 0 <= used <= the labs' default pids"),
    ],
)
def test_bad_data_is_reported_with_the_file_name(tmp_path, content, message):
    path = tmp_path / "broken.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(FigureDataError) as error:
        data = load(path)
        data.text("alt")
        kinds.draw(data)
    assert str(error.value).startswith(str(path)) and message in str(error.value)
    assert "\n" not in str(error.value)


def test_missing_data_file_is_named(tmp_path):
    with pytest.raises(FigureDataError, match=r"nope\.toml: no such figure data file"):
        load(tmp_path / "nope.toml")
