"""The report as a reader gets it: index.html opened in headless Chromium
loads, shows every figure (each <img> decoded, naturalWidth > 0) and logs
nothing to the console. A copy of the page carries a small script that
writes the state of each image and the place of each <section> into the DOM,
which --dump-dom prints. Each figure's legends are checked against the
boxes recorded beside it (NAME.layout.json): no legend covers another or any
axes' data area. Each section is kept as a screenshot at 1280 px in
$HAVENS_ARTIFACTS/report (default tests/python/artifacts/report, ignored by
git) for a person to look at."""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import havens_analysis as ha

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

PROBE = """<script>
window.addEventListener("load", function () {
  var out = document.createElement("pre");
  out.id = "image-states";
  out.textContent = JSON.stringify(Array.from(document.images).map(function (image) {
    return {src: image.getAttribute("src"), width: image.naturalWidth};
  }));
  document.body.appendChild(out);
  var places = document.createElement("pre");
  places.id = "section-places";
  places.textContent = JSON.stringify({height: document.documentElement.scrollHeight,
    sections: Array.from(document.querySelectorAll("section")).map(function (s) {
      var box = s.getBoundingClientRect();
      return {id: s.id, top: box.top + window.scrollY, height: box.height};
    })});
  document.body.appendChild(places);
});
</script>"""

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (Debian package chromium; "
    "scripts/setup.sh installs it), so the report is not checked in a browser")


WIDTH = 1280
ARTIFACTS = Path(os.environ.get("HAVENS_ARTIFACTS",
                                Path(__file__).resolve().parent / "artifacts"))


def open_in_chromium(index, profile):
    """(page text as rendered, image states, console lines) for `index`."""
    probe = index.with_name("browser_probe.html")
    page = index.read_text(encoding="utf-8")
    probe.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--enable-logging=stderr", "--v=0", f"--user-data-dir={profile}",
                           f"--window-size={WIDTH},900", "--hide-scrollbars",
                           "--virtual-time-budget=10000", "--dump-dom", probe.as_uri()],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr[-2000:]
    found = re.search(r'<pre id="image-states">(.*?)</pre>', done.stdout, re.S)
    states = json.loads(found.group(1)) if found else None
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line]
    return done.stdout, states, console


@pytest.fixture(scope="module")
def report_dir(scenarios_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("browser") / "report"
    ha.write_report(scenarios_file, out)
    return out


@needs_chromium
def test_the_report_opens_with_every_figure_and_no_console_error(report_dir, tmp_path):
    dom, states, console = open_in_chromium(report_dir / "index.html", tmp_path / "profile")
    assert "<h1>havens: transnational repression" in dom  # the page loaded
    assert states is not None, "the page's load event never ran"
    page = (report_dir / "index.html").read_text(encoding="utf-8")
    assert [s["src"] for s in states] == re.findall(r"<img src='([^']+)'", page)
    assert len(states) >= 7
    assert [s["src"] for s in states if s["width"] == 0] == []
    assert console == []


@needs_chromium
def test_the_browser_check_sees_a_missing_figure(report_dir, tmp_path):
    """The check above must be able to fail: with one figure gone, the
    browser reports it as not loaded."""
    broken = tmp_path / "broken"
    shutil.copytree(report_dir, broken)
    (broken / "tradeoff.png").unlink()
    _, states, _ = open_in_chromium(broken / "index.html", tmp_path / "profile")
    assert [s["src"] for s in states if s["width"] == 0] == ["tradeoff.png"]


def boxes_overlap(a, b):
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@needs_chromium
def test_no_legend_covers_data_or_another_legend(report_dir):
    """Every figure on the page has its recorded layout, which matches the
    PNG's size; no legend box meets another legend or any axes' data area."""
    from PIL import Image
    page = (report_dir / "index.html").read_text(encoding="utf-8")
    figures = re.findall(r"<img src='([^']+)'", page)
    assert "requests.png" in figures and "tradeoff.png" in figures
    for name in figures:
        layout = json.loads((report_dir / (Path(name).stem + ".layout.json")).read_text())
        with Image.open(report_dir / name) as image:
            assert abs(image.size[0] - layout["width"]) <= 2, name
            assert abs(image.size[1] - layout["height"]) <= 2, name
        legends = layout["legends"]
        for i, legend in enumerate(legends):
            assert 0 <= legend[0] and legend[2] <= layout["width"] + 1, name
            for other in legends[i + 1:]:
                assert not boxes_overlap(legend, other), (name, legend, other)
            for axes in layout["axes"]:
                assert not boxes_overlap(legend, axes), (name, legend, axes)


def test_the_overlap_check_can_fail():
    assert boxes_overlap([0, 0, 10, 10], [5, 5, 20, 20])
    assert not boxes_overlap([0, 0, 10, 10], [10, 0, 20, 10])


@needs_chromium
def test_each_section_is_kept_as_a_screenshot(report_dir, tmp_path):
    """Screenshots of each section at 1280 px, kept under $HAVENS_ARTIFACTS/report
    as NN-SECTION.png; the findings box is the first section."""
    from PIL import Image
    dom, _, _ = open_in_chromium(report_dir / "index.html", tmp_path / "profile")
    found = re.search(r'<pre id="section-places">(.*?)</pre>', dom, re.S)
    assert found, "the page's load event never ran"
    places = json.loads(found.group(1))
    ids = [s["id"] for s in places["sections"]]
    assert ids[0] == "findings" and "exile-risk" in ids
    height = min(int(places["height"]) + 10, 16000)
    shot = tmp_path / "page.png"
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--hide-scrollbars", f"--user-data-dir={tmp_path / 'shots'}",
                           f"--window-size={WIDTH},{height}", "--virtual-time-budget=10000",
                           f"--screenshot={shot}", (report_dir / "index.html").as_uri()],
                          capture_output=True, text=True, timeout=180)
    assert done.returncode == 0 and shot.exists(), done.stderr[-2000:]
    out = ARTIFACTS / "report"
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with Image.open(shot) as page:
        assert page.size[0] == WIDTH
        for number, section in enumerate(places["sections"]):
            top = int(section["top"])
            bottom = min(page.size[1], int(section["top"] + section["height"]) + 1)
            if bottom <= top:
                continue
            part = page.crop((0, top, WIDTH, bottom))
            assert part.convert("L").getextrema() != (255, 255), section["id"]
            part.save(out / f"{number:02d}-{section['id']}.png")
    kept = sorted(p.name for p in out.glob("*.png"))
    assert kept[0] == "00-findings.png" and len(kept) == len(ids)
