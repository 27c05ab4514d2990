"""The report page's stylesheet: system fonts, black on white, two A4 pages in print."""

CSS = """
@page { size: A4; margin: 11mm 12mm; }
* { box-sizing: border-box; }
html { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
  color: #000; background: #fff; }
body { max-width: 760px; margin: 1.5em auto; padding: 0 1em; font-size: 10pt;
  line-height: 1.35; }
h1 { font-size: 15pt; margin: 0 0 0.2em; }
h2 { font-size: 11.5pt; margin: 0.9em 0 0.3em; padding-bottom: 1px;
  border-bottom: 1.5px solid #000; }
p, ul { margin: 0.25em 0; }
ul { padding-left: 1.2em; }
.who { display: flex; flex-wrap: wrap; gap: 0.2em 1.6em; margin: 0.3em 0; font-size: 10.5pt; }
.who b { font-weight: bold; }
.blank { display: inline-block; min-width: 11em; border-bottom: 1px solid #000; }
.small { font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; margin: 0.3em 0; font-size: 9pt; }
th, td { border: 1px solid #777; padding: 2px 5px; text-align: left; vertical-align: top; }
th { background: #eee; }
td.d { min-width: 6.6em; }
.sign-urgent td:first-child { font-weight: bold; }
.mark { font-weight: bold; }
svg { display: block; margin: 0.2em 0; }
.notes li { overflow-wrap: anywhere; }
footer { margin-top: 1em; padding-top: 0.3em; border-top: 1px solid #000; font-size: 8.5pt; }
svg, tr, li { break-inside: avoid; page-break-inside: avoid; }
h2, h3 { break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10pt; margin: 0.4em 0 0.1em; }
.two { display: grid; grid-template-columns: 1fr 1fr; gap: 0 1.5em; }
@media print {
  body { margin: 0; padding: 0; max-width: none; font-size: 8.5pt; line-height: 1.3; }
  h1 { font-size: 13pt; }
  h2 { font-size: 10pt; margin-top: 0.5em; }
  h3 { font-size: 9pt; }
  table { font-size: 8pt; }
  th { background: none; }
}
"""
