"""The report as a reader gets it: index.html opened in headless Chromium
loads, shows every figure (each <img> decoded, naturalWidth > 0) and logs
nothing to the console. A copy of the page carries a small script that
writes the state of each image into the DOM, which --dump-dom prints."""
import json
import re
import shutil
import subprocess

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
});
</script>"""

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (Debian package chromium; "
    "scripts/setup.sh installs it), so the report is not checked in a browser")


def open_in_chromium(index, profile):
    """(page text as rendered, image states, console lines) for `index`."""
    probe = index.with_name("browser_probe.html")
    page = index.read_text(encoding="utf-8")
    probe.write_text(page.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    done = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                           "--enable-logging=stderr", "--v=0", f"--user-data-dir={profile}",
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
