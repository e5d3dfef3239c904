"""index.html of the report: one self-contained page (inline CSS, relative
image links): the key findings first, in a box, then the introduction and the
provenance of the run, then one <section> per figure or table."""
import html
import re

import pandas as pd

from . import schema as s

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 62rem;
       margin: 2rem auto; padding: 0 1rem; color: #222; line-height: 1.45; }
h1 { font-size: 1.6rem; } h2 { font-size: 1.2rem; margin-top: 2.2rem;
     border-bottom: 1px solid #ddd; padding-bottom: .2rem; }
img { max-width: 100%; height: auto; display: block; margin: .8rem 0; }
table { border-collapse: collapse; font-size: .85rem; margin: .8rem 0; }
th, td { border: 1px solid #ddd; padding: .25rem .5rem; text-align: right; }
th { background: #f4f4f4; } td:first-child, th:first-child { text-align: left; }
.provenance { background: #f8f8f8; padding: .6rem 1rem; font-size: .85rem; }
.provenance code { word-break: break-all; }
.scenarios dt { font-weight: bold; margin-top: .4rem; }
.scenarios dd { margin-left: 1.2rem; font-size: .9rem; }
.scenarios code { color: #555; font-weight: normal; }
.findings { border: 2px solid #1f77b4; border-radius: 6px; background: #f3f8fc;
            padding: .2rem 1.2rem .6rem; margin: 1rem 0 1.6rem; }
.findings h2 { margin-top: .8rem; border-bottom: none; }
.findings li { margin: .35rem 0; }
.findings .where { font-size: .85rem; color: #444; }
"""


def _number(x):
    """A number a table did not format itself: never in scientific notation."""
    if float(x).is_integer():
        return f"{x:,.0f}"
    return f"{x:,.1f}" if abs(x) >= 100 else f"{x:.3g}" if abs(x) >= 1e-3 else f"{x:.6f}"


def _table(frame):
    """A table; a frame with a plain range index is written without it (its
    columns name every cell), so that no header cell is empty."""
    plain = frame.index.equals(pd.RangeIndex(len(frame)))
    return frame.to_html(float_format=_number, na_rep="–", border=0, escape=True,
                         index=not plain)


def section_id(title):
    """"Exile risk" -> "exile-risk": the <section>'s id, for links and tests."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"


def _scenarios(scenarios):
    """The scenarios by label, each with its name in the file and what it
    changes against the reference arm."""
    items = "".join(f"<dt>{html.escape(shown)} <code>{html.escape(name)}</code></dt>"
                    f"<dd>{html.escape(changes)}</dd>"
                    for shown, name, changes in scenarios)
    return f"<dl class='scenarios'>{items}</dl>"


def render(res, sections, note=None, scenarios=(), findings=None):
    """The page; `note`, a sentence under the introduction (the posterior's);
    `scenarios`, (label, name, what it changes) per scenario reported;
    `findings`, the key findings (HTML written by report.key_findings), in a
    box before everything else."""
    p = res.provenance
    rows = [("file", res.path.name), ("havens version", p.get(s.HAVENS_VERSION)),
            ("git revision", p.get(s.GIT_REVISION)), ("written (UTC)", p.get(s.CREATED_UTC)),
            ("seed", p.get(s.SEED)), ("schema version", p.get(s.SCHEMA_VERSION_ATTR)),
            ("command line", p.get(s.COMMAND_LINE))]
    provenance = "".join(f"<div><b>{html.escape(k)}:</b> <code>{html.escape(str(v))}</code></div>"
                         for k, v in rows)
    names = ", ".join(shown for shown, _, _ in scenarios) or ", ".join(res.scenario_names) \
        or "none"
    sweeps = ", ".join(res.sweep_names) or "none"
    parts = [f"<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>"
             f"<title>havens report: {html.escape(res.path.name)}</title>"
             f"<style>{STYLE}</style></head><body>",
             "<h1>havens: transnational repression under the UN Convention against "
             "Cybercrime</h1>",
             *([f"<section id='findings' class='findings'><h2>Key findings</h2>\n{findings}"
                "</section>"] if findings else []),
             "<section id='introduction'>",
             f"<p>Results of a simulation with the scenarios {html.escape(names)} "
             f"(sweeps: {html.escape(sweeps)}). Each figure summarises many replicates: "
             f"runs of the same scenario with different random draws. Month 0 is October "
             f"2025. Every interval is the 90% range across replicates (5th to 95th "
             f"percentile) unless its caption says otherwise.</p>",
             *([f"<p><b>{html.escape(note)}</b></p>"] if note else []),
             *([_scenarios(scenarios)] if scenarios else []),
             f"<div class='provenance'>{provenance}</div>", "</section>"]
    if not sections:
        parts.append("<p>The file holds nothing this report can draw.</p>")
    used = {"findings", "introduction"}
    for title, image, paragraph, table in sections:
        key = section_id(title)
        while key in used:
            key += "-x"
        used.add(key)
        parts.append(f"<section id='{key}'>")
        parts.append(f"<h2>{html.escape(title)}</h2>")
        if image:
            parts.append(f"<img src='{html.escape(image)}' alt='{html.escape(title)}'>")
        parts.append(f"<p>{paragraph}</p>")  # paragraphs are written by report_text, with <b>
        if table is not None:
            parts.append(_table(table))
        parts.append("</section>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
